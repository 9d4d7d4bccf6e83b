import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import type * as Tls from 'node:tls';
import type { PeerCertificate } from 'node:tls';
import { credsAuthenticator, nkeyAuthenticator } from '@nats-io/transport-node';
import type { NodeConnectionOptions } from '@nats-io/transport-node';
import { ConfigError } from '../../events/errors.js';
import { maskUrl } from '../../events/mask-url.js';

/** TLS towards NATS: the CA that signed the server's certificate, and a client certificate when the server asks for one. */
export type NatsTls = Readonly<{ caFile?: string | undefined; certFile?: string | undefined; keyFile?: string | undefined }>;

/**
 * How berth proves who it is to NATS. At most one of user/pass, token, nkey seed file or
 * `.creds` file is normally set; TLS (present = required) goes with any of them.
 */
export type NatsAuth = Readonly<{
  user?: string | undefined;
  pass?: string | undefined;
  token?: string | undefined;
  /** A file holding an nkey user seed (`SU...`). */
  nkeyFile?: string | undefined;
  /** A `.creds` file (user JWT and seed), as `nsc` writes them. */
  credsFile?: string | undefined;
  tls?: NatsTls | undefined;
}>;

/** Connection options for nats.js, plus the secrets they hold (so messages can mask them). */
export type NatsTarget = Readonly<{ options: NodeConnectionOptions; secrets: readonly string[]; masked: string }>;

type Parsed = { servers: string[]; user?: string; pass?: string; token?: string; tls: boolean };

const parseServer = (raw: string, acc: Parsed): void => {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    acc.servers.push(raw);
    return;
  }
  let u: URL;
  try {
    u = new URL(raw);
  } catch (cause) {
    throw new ConfigError(`NATS server '${maskUrl(raw)}' is not a valid URL.`, { hint: "Use nats://host:4222 or tls://host:4222 (several separated by commas).", cause });
  }
  if (u.protocol !== 'nats:' && u.protocol !== 'tls:') {
    throw new ConfigError(`NATS server '${maskUrl(raw)}' uses '${u.protocol}//', which berth does not support.`, { hint: 'Use nats://host:4222, or tls://host:4222 to require TLS.' });
  }
  if (u.protocol === 'tls:') acc.tls = true;
  if (u.username !== '' && u.password === '' && !raw.includes(':@')) acc.token = decodeURIComponent(u.username);
  else if (u.username !== '') {
    acc.user = decodeURIComponent(u.username);
    acc.pass = decodeURIComponent(u.password);
  }
  acc.servers.push(`${u.hostname}:${u.port || '4222'}`);
};

/** Splits `nats://u:p@a:4222,b:4222` into servers and the credentials some of them carry. */
export const parseServers = (text: string): Parsed => {
  const acc: Parsed = { servers: [], tls: false };
  for (const raw of text.split(',').map((s) => s.trim()).filter((s) => s !== '')) parseServer(raw, acc);
  if (acc.servers.length === 0) throw new ConfigError('No NATS server given.', { hint: 'Pass --nats nats://host:4222 or set BERTH_NATS_URL.' });
  return acc;
};

const readFile = (what: string, path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
    throw new ConfigError(`The NATS ${what} '${path}' could not be read (${code}).`, { hint: `Check the path given for the ${what}, and that this user may read it.`, cause });
  }
};

const nkeySeed = (path: string): Uint8Array => {
  const seed = readFile('nkey seed file', path).trim();
  if (!/^SU[A-Z2-7]{50,}$/.test(seed)) {
    throw new ConfigError(`The NATS nkey seed file '${path}' does not hold a user seed (one line starting with 'SU').`, { hint: "Create one with 'nk -gen user', and give the file holding the seed (not the public key)." });
  }
  return new TextEncoder().encode(seed);
};

const credsFile = (path: string): Uint8Array => {
  const text = readFile('credentials file', path);
  if (!text.includes('BEGIN NATS USER JWT') || !text.includes('USER NKEY SEED')) {
    throw new ConfigError(`The NATS credentials file '${path}' is not a .creds file (it needs a user JWT and an nkey seed).`, { hint: "Create one with 'nsc generate creds', or use --nats-user/--nats-password or --nats-token instead." });
  }
  return new TextEncoder().encode(text);
};

/**
 * nats.js gives Node no server name for a server given by IP address, so Node checks the
 * certificate against 'localhost'. When every server is an IP address, check it against them.
 */
const ipIdentity = (servers: readonly string[]): { checkServerIdentity?: (host: string, cert: PeerCertificate) => Error | undefined } => {
  const ips = servers.map((s) => s.slice(0, s.lastIndexOf(':')).replace(/^\[(.*)\]$/, '$1'));
  if (ips.length === 0 || !ips.every((h) => isIP(h) !== 0)) return {};
  // node:tls only when TLS is on: loading it costs a plain nats:// read command about 20 ms.
  const { checkServerIdentity } = createRequire(import.meta.url)('node:tls') as typeof Tls;
  return { checkServerIdentity: (_host, cert) => (ips.some((ip) => checkServerIdentity(ip, cert) === undefined) ? undefined : checkServerIdentity(ips[0] as string, cert)) };
};

const tlsOptions = (tls: NatsTls | undefined, required: boolean, servers: readonly string[]): NodeConnectionOptions['tls'] => {
  if (tls === undefined && !required) return undefined;
  if ((tls?.certFile === undefined) !== (tls?.keyFile === undefined)) {
    throw new ConfigError('A NATS client certificate needs both --nats-cert and --nats-key.', { hint: 'Give both files (PEM), or neither.' });
  }
  return {
    ...ipIdentity(servers),
    ...(tls?.caFile === undefined ? {} : { ca: readFile('CA file', tls.caFile) }),
    ...(tls?.certFile === undefined ? {} : { cert: readFile('client certificate', tls.certFile) }),
    ...(tls?.keyFile === undefined ? {} : { key: readFile('client key', tls.keyFile) }),
  };
};

/**
 * nats.js options for a server list and credentials. Credentials given apart from the URL win
 * over the ones inside it. Files are read here so that a missing or wrong file is a clear
 * configuration error, not a vague connection failure.
 */
export const natsTarget = (url: string, auth: NatsAuth = {}): NatsTarget => {
  const p = parseServers(url);
  const user = auth.user ?? p.user;
  const pass = auth.user === undefined ? (auth.pass ?? p.pass) : auth.pass;
  const token = auth.token ?? p.token;
  if (user !== undefined && pass === undefined) {
    throw new ConfigError(`A NATS user ('${user}') was given without a password.`, { hint: 'Set --nats-password or BERTH_NATS_PASSWORD (or the password environment variable the context names).' });
  }
  const authenticator = auth.credsFile !== undefined ? credsAuthenticator(credsFile(auth.credsFile))
    : auth.nkeyFile !== undefined ? nkeyAuthenticator(nkeySeed(auth.nkeyFile)) : undefined;
  const tls = tlsOptions(auth.tls, p.tls, p.servers);
  const options: NodeConnectionOptions = {
    servers: p.servers,
    ...(user === undefined ? {} : { user, pass }),
    ...(token === undefined ? {} : { token }),
    ...(authenticator === undefined ? {} : { authenticator }),
    ...(tls === undefined ? {} : { tls }),
  };
  return { options, secrets: [pass, token].filter((s): s is string => s !== undefined), masked: maskUrl(url) };
};
