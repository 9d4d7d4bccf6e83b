import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';

// The KV client for `--watch`, in a file of its own so that client.ts can load it when a watch
// starts (a static import here, not `import('@nats-io/kv')`, which esbuild's bundles resolve to a
// namespace without the package's named exports).
export { KvWatchInclude } from '@nats-io/kv';

export const openKv = (nc: NatsConnection, bucket: string): Promise<KV> => new Kvm(nc).open(bucket);
