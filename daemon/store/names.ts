import { ConfigError } from '../../events/errors.js';

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

/** What a prefix may be (the configuration file's schema says the same). */
export const PREFIX_RULE = /^[a-z][a-z0-9_-]{0,31}$/i;

export const storeNames = (prefix = 'berth'): StoreNames => {
  if (!PREFIX_RULE.test(prefix)) {
    throw new ConfigError(`The prefix '${prefix.slice(0, 64)}' is not one berth can use: a prefix is a letter, then up to 31 letters, digits, _ or -.`, {
      hint: "Give --prefix (or BERTH_PREFIX, or the context's prefix) a name like 'berth' or 'site-a'.",
    });
  }
  const up = prefix.toUpperCase().replace(/-/g, '_');
  return {
    prefix, stream: `${up}_EVENTS`, evtRoot: `${prefix}.evt`, bucket: `${up}_MODEL`,
    dlqStream: `${up}_DEADLETTER`, dlqRoot: `${prefix}.dlq`, cmdRoot: `${prefix}.cmd`, snapshots: `${up}_SNAPSHOTS`,
  };
};

/**
 * Stream and bucket names are the prefix in capitals with `-` as `_`, subjects the prefix as given:
 * prefixes that differ only in letter case or in `-` against `_` (`site-a`, `SITE_A`) name the same
 * stream with other subjects. A stream whose subjects are not this prefix's belongs to another
 * spelling: refused (a daemon would otherwise re-point that installation's stream at its own
 * subjects, and a read would ask for subjects the stream does not hold).
 */
export const requireOwnStream = (names: StoreNames, stream: string, subjects: readonly string[] | undefined, root: string): void => {
  const own = `${root}.>`;
  if (subjects === undefined || subjects.includes(own)) return;
  const other = subjects.map((x) => x.slice(0, x.indexOf('.') < 0 ? x.length : x.indexOf('.'))).find((x) => x.toUpperCase().replace(/-/g, '_') === names.prefix.toUpperCase().replace(/-/g, '_'));
  throw new ConfigError(`Stream '${stream}' belongs to the prefix '${other ?? subjects.join(', ')}', not to '${names.prefix}': prefixes that differ only in letter case or in - against _ share their NATS names.`, {
    hint: other === undefined ? 'Use another --prefix.' : `Use --prefix ${other} for that installation, or a prefix that differs from it in more than that.`,
  });
};
