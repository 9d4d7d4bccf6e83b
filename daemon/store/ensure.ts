import { DiscardPolicy, RetentionPolicy, StorageType, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import { nanos } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { ConfigError } from '../../events/errors.js';
import { requireOwnStream } from './names.js';
import type { StoreNames } from './names.js';
import { createdOnceMore, pause, timedOut, transient } from './retry.js';

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

/**
 * Creates (or updates the limits of) the event stream, the dead-letter stream and the model bucket.
 * Up to three times when a request times out: daemons started together (systemd at boot) make
 * these at the same moment, and a nats-server 2.9 cluster answers one of two identical creates and
 * lets the other time out; every step is safe to repeat.
 */
export const ensureStore = async (nc: NatsConnection, names: StoreNames, policy: StreamPolicy = DEFAULT_POLICY): Promise<{ jsm: JetStreamManager; kv: KV }> => {
  // A cluster just started (or electing a leader) may time out a request or have no JetStream
  // responder for a moment ('jetstream is not enabled'); a server without JetStream says so every time.
  for (let attempt = 1; ; attempt++) {
    try {
      return await ensureOnce(nc, names, policy);
    } catch (err) {
      if (transient(err) && attempt < 4) {
        await pause(1000 * attempt);
        continue;
      }
      if (timedOut(err) || !transient(err)) throw err;
      throw new ConfigError('The NATS server does not have JetStream enabled.', { hint: 'Run nats-server with -js (berth needs JetStream).', cause: err });
    }
  }
};

const ensureOnce = async (nc: NatsConnection, names: StoreNames, policy: StreamPolicy): Promise<{ jsm: JetStreamManager; kv: KV }> => {
  const jsm = await jetstreamManager(nc);
  await addOrUpdate(jsm, streamConfig(names, policy), names, names.evtRoot);
  await addOrUpdate(jsm, {
    name: names.dlqStream, subjects: [`${names.dlqRoot}.>`], storage: StorageType.File, retention: RetentionPolicy.Limits,
    max_age: nanos(30 * 86_400_000), duplicate_window: nanos(policy.duplicateWindowMs), num_replicas: policy.replicas,
  }, names, names.dlqRoot);
  const kv = await createdOnceMore(() => new Kvm(nc).create(names.bucket, { history: 1, storage: StorageType.File, replicas: policy.replicas }));
  return { jsm, kv };
};

/** Creates the stream, or updates it when it exists (also when a create failed because another daemon made it meanwhile). */
const addOrUpdate = async (jsm: JetStreamManager, cfg: Partial<StreamConfig> & { name: string }, names: StoreNames, root: string): Promise<void> => {
  const name = cfg.name;
  // The subjects of the stream if it exists (another prefix's spelling is refused: see requireOwnStream).
  const existing = (): Promise<readonly string[] | undefined> => jsm.streams.info(name).then((i) => i.config.subjects ?? [], () => undefined);
  let subjects = await existing();
  if (subjects === undefined) {
    try {
      await jsm.streams.add(cfg);
      return;
    } catch (err) {
      subjects = await existing();
      if (subjects === undefined) throw err;
    }
  }
  requireOwnStream(names, name, subjects, root);
  await jsm.streams.update(name, cfg);
};
