import { ConfigError } from '../../events/errors.js';

/**
 * One named place berth talks to: the NATS servers and how to prove who we are there, the
 * installation's prefix, and what a daemon started with this context follows. Credentials are
 * references (a file path, or the name of an environment variable holding the secret); the
 * secret itself (`password`, `token`) is stored only when the user asked for it with `--store-secret`.
 */
export type BerthContext = Readonly<{
  /** NATS server URLs (several for a cluster), without credentials unless stored on purpose. */
  nats?: readonly string[];
  prefix?: string;
  user?: string;
  /** Name of the environment variable holding the NATS password. */
  passwordEnv?: string;
  /** Name of the environment variable holding the NATS token. */
  tokenEnv?: string;
  /** The password itself: only with `--store-secret` (the file is then mode 0600, as always). */
  password?: string;
  /** The token itself: only with `--store-secret`. */
  token?: string;
  /** A `.creds` file (user JWT and nkey seed). */
  credsFile?: string;
  /** A file holding an nkey user seed. */
  nkeyFile?: string;
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
  /** Docker engines a daemon started with this context follows (`[name=]unix:///...`, `[name=]tcp://...`). */
  engines?: readonly string[];
  /** OpenStack cloud (a clouds.yaml entry) for the daemon. */
  cloud?: string;
}>;

/** The contexts file: every context by name, and the one commands use when none is named. */
export type ContextsData = { version: 1; current: string | null; contexts: Record<string, BerthContext> };

export const emptyContexts = (): ContextsData => ({ version: 1, current: null, contexts: {} });

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** A usable context name (it also appears in shell completions and file paths). */
export const checkName = (name: string): string => {
  if (!NAME.test(name)) {
    throw new ConfigError(`'${name}' is not a valid context name.`, { hint: 'Use letters, digits, dot, dash and underscore (up to 63 characters), starting with a letter or digit.' });
  }
  return name;
};

const STRING_KEYS = ['prefix', 'user', 'passwordEnv', 'tokenEnv', 'password', 'token', 'credsFile', 'nkeyFile', 'tlsCa', 'tlsCert', 'tlsKey', 'cloud'] as const;
const LIST_KEYS = ['nats', 'engines'] as const;

const checkContext = (name: string, v: unknown, path: string): BerthContext => {
  const bad = (what: string): ConfigError => new ConfigError(`The contexts file '${path}' is invalid: contexts.${name}${what}.`, { hint: `Fix it by hand, or remove the context with 'berth context rm ${name}' and add it again.` });
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw bad(' must be an object');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!(STRING_KEYS as readonly string[]).includes(k) && !(LIST_KEYS as readonly string[]).includes(k)) throw bad(`.${k} is not a context setting`);
  }
  for (const k of STRING_KEYS) if (o[k] !== undefined && typeof o[k] !== 'string') throw bad(`.${k} must be a string`);
  for (const k of LIST_KEYS) {
    const l = o[k];
    if (l !== undefined && !(Array.isArray(l) && l.every((x) => typeof x === 'string'))) throw bad(`.${k} must be a list of strings`);
  }
  return o as BerthContext;
};

/** The parsed contents of the contexts file, checked key by key (it may have been edited by hand). */
export const checkContexts = (data: unknown, path: string): ContextsData => {
  if (data === null || data === undefined) return emptyContexts();
  const bad = (what: string): ConfigError => new ConfigError(`The contexts file '${path}' is invalid: ${what}.`, { hint: 'Fix it by hand, or move it away and add the contexts again.' });
  if (typeof data !== 'object' || Array.isArray(data)) throw bad('it must hold a JSON object');
  const o = data as Record<string, unknown>;
  if (o['version'] !== 1) throw bad(`version must be 1, not ${JSON.stringify(o['version'])}`);
  if (o['current'] !== null && typeof o['current'] !== 'string') throw bad('current must be a context name or null');
  const raw = o['contexts'];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw bad('contexts must be an object');
  const contexts: Record<string, BerthContext> = {};
  for (const [name, v] of Object.entries(raw)) contexts[name] = checkContext(name, v, path);
  const current = o['current'] as string | null;
  return { version: 1, current: current !== null && contexts[current] === undefined ? null : current, contexts };
};
