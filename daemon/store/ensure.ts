import { DiscardPolicy, RetentionPolicy, StorageType, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import { nanos } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { ConfigError } from '../../events/errors.js';
import type { StoreNames } from './names.js';

/** Retention and safety settings of the event stream; the operator sets them (audit wants long). */
export type StreamPolicy = Readonly<{
  /** Keep events this many days (0 = forever). */
  maxAgeDays: number;
  /** Cap on the stream's size in bytes (-1 = none). */
  maxBytes: number;
  /** `Nats-Msg-Id` dedup window: long enough for broker redeliveries and daemon restarts. */
  duplicateWindowMs: number;
  replicas: number;
}>;

export const DEFAULT_POLICY: StreamPolicy = { maxAgeDays: 0, maxBytes: -1, duplicateWindowMs: 30 * 60_000, replicas: 1 };

const streamConfig = (names: StoreNames, p: StreamPolicy): Partial<StreamConfig> & { name: string } => ({
  name: names.stream,
  subjects: [`${names.evtRoot}.>`],
  storage: StorageType.File,
  retention: RetentionPolicy.Limits,
  discard: DiscardPolicy.Old,
  max_age: nanos(p.maxAgeDays * 86_400_000),
  max_bytes: p.maxBytes,
  duplicate_window: nanos(p.duplicateWindowMs),
  num_replicas: p.replicas,
  // An audit log: nobody deletes or purges single events through the API.
  deny_delete: true,
  deny_purge: true,
  allow_direct: true,
});

/** Creates (or updates the limits of) the event stream, the dead-letter stream and the model bucket. */
export const ensureStore = async (nc: NatsConnection, names: StoreNames, policy: StreamPolicy = DEFAULT_POLICY): Promise<{ jsm: JetStreamManager; kv: KV }> => {
  let jsm: JetStreamManager;
  try {
    jsm = await jetstreamManager(nc);
  } catch (err) {
    throw new ConfigError('The NATS server does not have JetStream enabled.', { hint: 'Run nats-server with -js (berth needs JetStream).', cause: err });
  }
  await addOrUpdate(jsm, streamConfig(names, policy));
  await addOrUpdate(jsm, {
    name: names.dlqStream, subjects: [`${names.dlqRoot}.>`], storage: StorageType.File, retention: RetentionPolicy.Limits,
    max_age: nanos(30 * 86_400_000), duplicate_window: nanos(policy.duplicateWindowMs), num_replicas: policy.replicas,
  });
  const kv = await new Kvm(nc).create(names.bucket, { history: 1, storage: StorageType.File, replicas: policy.replicas });
  return { jsm, kv };
};

const addOrUpdate = async (jsm: JetStreamManager, cfg: Partial<StreamConfig> & { name: string }): Promise<void> => {
  const name = cfg.name;
  try {
    await jsm.streams.info(name);
  } catch {
    await jsm.streams.add(cfg);
    return;
  }
  await jsm.streams.update(name, cfg);
};
