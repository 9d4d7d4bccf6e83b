import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../../events/errors.js';
import { UsageError } from '../output/errors.js';
import type { BerthContext } from './context.js';

/** What `berth context add` was given. */
export type ContextInput = Readonly<{
  nats?: readonly string[] | undefined;
  prefix?: string | undefined;
  user?: string | undefined;
  'password-env'?: string | undefined;
  'token-env'?: string | undefined;
  password?: string | undefined;
  token?: string | undefined;
  'store-secret'?: boolean | undefined;
  creds?: string | undefined;
  nkey?: string | undefined;
  ca?: string | undefined;
  cert?: string | undefined;
  key?: string | undefined;
  engine?: readonly string[] | undefined;
  cloud?: string | undefined;
}>;

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SERVER = /^((nats|tls):\/\/)?[^\s/]+$/i;

const envName = (flag: string, v: string | undefined): string | undefined => {
  if (v !== undefined && !ENV_NAME.test(v)) {
    throw new UsageError(`--${flag} takes the NAME of an environment variable, and '${v.length > 40 ? v.slice(0, 8) + '…' : v}' is not one.`, { hint: `Give the variable's name (e.g. --${flag} NATS_PASSWORD), not its value.` });
  }
  return v;
};

const file = (flag: string, path: string | undefined, cwd: string): string | undefined => {
  if (path === undefined) return undefined;
  const abs = resolve(cwd, path);
  if (!existsSync(abs)) throw new ConfigError(`The file given to --${flag} ('${abs}') does not exist.`, { hint: 'Check the path; contexts keep the absolute path, so give one that stays valid.' });
  return abs;
};

const checkSecrets = (i: ContextInput, urls: readonly string[]): void => {
  const secretInUrl = urls.some((u) => /:\/\/[^/@]+@/.test(u));
  const stored = [i.password !== undefined ? '--password' : '', i.token !== undefined ? '--token' : '', secretInUrl ? 'a URL with credentials' : ''].filter(Boolean);
  if (stored.length > 0 && !i['store-secret']) {
    throw new UsageError(`${capitalize(stored.join(' and '))} would store a secret in the contexts file.`, {
      hint: 'Prefer --password-env VAR or --token-env VAR (the name of a variable holding it), --nkey FILE or --creds FILE; or add --store-secret to store it (the file is readable by you only).',
    });
  }
  const ways = [i.user !== undefined || i.password !== undefined || i['password-env'] !== undefined, i.token !== undefined || i['token-env'] !== undefined, i.nkey !== undefined, i.creds !== undefined].filter(Boolean).length;
  if (ways > 1) throw new UsageError('Give one way to authenticate: user and password, a token, an nkey seed file, or a .creds file.');
  if ((i.password !== undefined || i['password-env'] !== undefined) && i.user === undefined) throw new UsageError('A password needs a --user.');
  if (i.user !== undefined && i.password === undefined && i['password-env'] === undefined) throw new UsageError(`--user '${i.user}' needs --password-env VAR (or --password with --store-secret).`);
  if (i.password !== undefined && i['password-env'] !== undefined) throw new UsageError('Give --password or --password-env, not both.');
  if (i.token !== undefined && i['token-env'] !== undefined) throw new UsageError('Give --token or --token-env, not both.');
};

/** A context from `berth context add` flags, checked: URLs look like NATS servers, files exist, secrets only on purpose. */
export const buildContext = (i: ContextInput, cwd: string = process.cwd()): BerthContext => {
  const urls = (i.nats ?? []).flatMap((u) => u.split(',')).map((u) => u.trim()).filter((u) => u !== '');
  const bad = urls.find((u) => !SERVER.test(u.replace(/:\/\/[^/@]+@/, '://')));
  if (bad !== undefined) throw new UsageError(`--nats '${bad.replace(/:\/\/[^/@]+@/, '://***@')}' is not a NATS server URL.`, { hint: 'Use nats://host:4222 or tls://host:4222 (repeat --nats, or separate them with commas, for a cluster).' });
  checkSecrets(i, urls);
  if ((i.cert === undefined) !== (i.key === undefined)) throw new UsageError('A client certificate needs both --cert and --key.');
  const c: Record<string, unknown> = {
    nats: urls.length > 0 ? urls : undefined,
    prefix: i.prefix,
    user: i.user,
    passwordEnv: envName('password-env', i['password-env']),
    tokenEnv: envName('token-env', i['token-env']),
    password: i.password,
    token: i.token,
    credsFile: file('creds', i.creds, cwd),
    nkeyFile: file('nkey', i.nkey, cwd),
    tlsCa: file('ca', i.ca, cwd),
    tlsCert: file('cert', i.cert, cwd),
    tlsKey: file('key', i.key, cwd),
    engines: i.engine !== undefined && i.engine.length > 0 ? i.engine : undefined,
    cloud: i.cloud,
  };
  for (const k of Object.keys(c)) if (c[k] === undefined) delete c[k];
  return c as BerthContext;
};
