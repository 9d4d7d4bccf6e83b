/**
 * Every NATS name berth uses, derived from one prefix (default `berth`). A different prefix
 * gives an independent installation on the same server: tests use one per test.
 */
export type StoreNames = Readonly<{
  prefix: string;
  /** JetStream stream of all events: `BERTH_EVENTS`. */
  stream: string;
  /** Root of event subjects: `berth.evt` (`berth.evt.<kind>.<encoded id>`). */
  evtRoot: string;
  /** KV bucket of the read model: `BERTH_MODEL`. */
  bucket: string;
  /** Stream and subject root of dead letters: `BERTH_DEADLETTER`, `berth.dlq`. */
  dlqStream: string;
  dlqRoot: string;
  /** Root of action requests to daemons: `berth.cmd`. */
  cmdRoot: string;
  /** Object store of model snapshots (for `--at`, diff, replay and fast restarts): `BERTH_SNAPSHOTS`. */
  snapshots: string;
}>;

export const storeNames = (prefix = 'berth'): StoreNames => {
  if (!/^[a-z][a-z0-9_-]{0,31}$/i.test(prefix)) throw new Error(`invalid prefix '${prefix}'`);
  const up = prefix.toUpperCase().replace(/-/g, '_');
  return {
    prefix, stream: `${up}_EVENTS`, evtRoot: `${prefix}.evt`, bucket: `${up}_MODEL`,
    dlqStream: `${up}_DEADLETTER`, dlqRoot: `${prefix}.dlq`, cmdRoot: `${prefix}.cmd`, snapshots: `${up}_SNAPSHOTS`,
  };
};
