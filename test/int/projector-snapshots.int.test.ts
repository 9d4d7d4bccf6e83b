// The projector writes one snapshot at a time. One that falls due while another is being written
// must be written when that one ends, not only at the next event: a quiet source may send none for
// hours, and --at and restarts would fold that much more log meanwhile.
import test from 'ava';
import type { ExecutionContext } from 'ava';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { connect } from '@nats-io/transport-node';
import { createLogger } from '../../daemon/log.js';
import { Projector } from '../../daemon/projector.js';
import { Appender } from '../../daemon/store/append.js';
import { ensureStore } from '../../daemon/store/ensure.js';
import { storeNames } from '../../daemon/store/names.js';
import type { StoreNames } from '../../daemon/store/names.js';
import { SnapshotStore } from '../../daemon/store/snapshots.js';
import { openStretchOf } from '../../daemon/store/stretch-times.js';
import { aContainerCreated } from '../support/builders.js';
import { dropPrefix, eventually, NATS_URL, uniquePrefix } from '../support/daemon-harness.js';

/** A connection and an event store (stream and bucket) of the test's own, removed after it. */
const freshStore = async (t: ExecutionContext): Promise<{ nc: NatsConnection; names: StoreNames; kv: KV }> => {
  const prefix = uniquePrefix();
  t.teardown(() => dropPrefix(prefix));
  const nc = await connect({ servers: NATS_URL });
  t.teardown(() => nc.close());
  const names = storeNames(prefix);
  const { kv } = await ensureStore(nc, names);
  return { nc, names, kv };
};

test.serial('a snapshot that fell due while another was written is written when that one ends, with no event after it', async (t) => {
  const { nc, names, kv } = await freshStore(t);
  const real = await SnapshotStore.open(nc, names, true);
  if (real === null) throw new Error('no snapshot store');
  // The real store, but the first write waits until the test lets it go.
  let release = (): void => undefined;
  const gate = new Promise<void>((r) => { release = r; });
  const writes: number[] = [];
  const gated = Object.create(real) as SnapshotStore;
  gated.write = async (inv, meta) => {
    writes.push(meta.seq);
    if (writes.length === 1) await gate;
    return real.write(inv, meta);
  };
  const log = createLogger({ quiet: true, level: 'silent' });
  const projector = new Projector(nc, names, kv, log, gated, { every: 5, keep: 10 });
  const stop = new AbortController();
  t.teardown(() => stop.abort());
  await projector.start(stop.signal);
  const appender = new Appender(nc, names, log);
  const append = async (from: number, to: number): Promise<void> => {
    for (let i = from; i <= to; i++) await appender.append(aContainerCreated({ containerId: `c${i}`, name: `c${i}` }));
  };
  await append(1, 5);
  await eventually('the first snapshot to start, at seq 5', async () => writes.length === 1 && writes[0] === 5, 10_000);
  // Seven more while it is held: one falls due at seq 10 and the projector cannot take it yet.
  await append(6, 12);
  await eventually('the projector to fold seq 12', async () => projector.processedSeq === 12, 10_000);
  t.deepEqual(writes, [5], 'no second snapshot while the first is being written');
  release();
  const list = await eventually('a second snapshot, at seq 12', async () => {
    const l = await real.list();
    return l.length === 2 ? l : undefined;
  }, 10_000);
  t.deepEqual(list.map((s) => s.seq), [5, 12]);
  t.deepEqual(writes, [5, 12]);
  // The model's meta says the open stretch now starts after that snapshot: --at readers plan with it.
  const stretch = await eventually('the meta to say the open stretch starts after seq 12', async () => {
    const s = openStretchOf((((await kv.get('_meta'))?.json()) as { stretch?: unknown } | undefined)?.stretch ?? null);
    return s?.after === 12 ? s : undefined;
  }, 5_000);
  t.like(stretch, { after: 12, to: 12 });
  await projector.snapshotsSettled();
});

test.serial('model writes that fail while the start reconciles the bucket do not fail the start: they are written again from the model', async (t) => {
  const { nc, names, kv } = await freshStore(t);
  const log = createLogger({ quiet: true, level: 'silent' });
  const appender = new Appender(nc, names, log);
  for (let i = 1; i <= 6; i++) await appender.append(aContainerCreated({ containerId: `c${i}`, name: `c${i}` }));
  // The real bucket, but its first three puts time out, as on a loaded JetStream.
  let failures = 3;
  const flaky = Object.create(kv) as typeof kv;
  flaky.put = async (k, v, o) => {
    if (failures > 0) {
      failures -= 1;
      throw new Error('timeout');
    }
    return kv.put(k, v, o);
  };
  const projector = new Projector(nc, names, flaky, log, null, { every: 0, keep: 1 });
  const stop = new AbortController();
  t.teardown(() => stop.abort());
  await projector.start(stop.signal);
  t.is(failures, 0, 'the start met the failing writes');
  const keys = await eventually('every container in the bucket', async () => {
    const ks: string[] = [];
    for await (const k of await kv.keys('container.>')) ks.push(k);
    return ks.length === 6 ? ks : undefined;
  }, 20_000);
  t.is(keys.length, 6);
  await projector.flush();
});
