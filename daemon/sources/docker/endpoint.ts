import { readFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../events/errors.js';

export type DockerTls = { ca: Buffer; cert: Buffer; key: Buffer; verify: boolean };

/** How to reach one engine. `name` is its identity in berth: engine IDs and hostnames repeat across cloned machines. */
export type DockerEndpoint = {
  name: string;
  /** Canonical URL without query parameters, for messages. */
  url: string;
  socketPath?: string;
  host?: string;
  port?: number;
  tls?: DockerTls;
};

export class DockerConfigError extends ConfigError {
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, opts);
    this.name = 'DockerConfigError';
  }
}

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';
const ENGINE_FORMS = 'unix:///path, tcp://host:port or https://host:port, optionally prefixed by name=';

const envValue = (env: NodeJS.ProcessEnv, key: string): string | undefined => {
  const v = env[key];
  return v === undefined || v === '' ? undefined : v;
};

const truthy = (v: string): boolean => v !== '' && v !== '0' && v.toLowerCase() !== 'false';

const homeOf = (env: NodeJS.ProcessEnv): string => envValue(env, 'HOME') ?? homedir();
const expandHome = (p: string, env: NodeJS.ProcessEnv): string => (p === '~' || p.startsWith('~/') ? join(homeOf(env), p.slice(1)) : p);

const readCert = (dir: string, file: string, url: string, fromEnv: boolean): Buffer => {
  const path = join(dir, file);
  try {
    return readFileSync(path);
  } catch (cause) {
    const what = fromEnv ? 'DOCKER_CERT_PATH (or DOCKER_CONFIG)' : "certs= in the engine URL (e.g. 'tcp://host:2376?tls=1&certs=/dir')";
    const hint = `Set ${what} to a directory holding ca.pem, cert.pem and key.pem, or add tls=0 to the engine URL.`;
    // The hint is printed after the message (Try this:): not repeated in it.
    const code = (cause as { code?: string }).code;
    throw new DockerConfigError(`TLS file '${path}' for Docker engine '${url}' could not be read${code === undefined ? '' : ` (${code})`}.`, { hint, cause });
  }
};

const splitName = (spec: string): { name?: string; rest: string } => {
  // A name cannot contain ':' '/' '?' or '=', so the '=' inside '?tls=1' never reads as a name.
  const m = /^([^=:/?\s]+)=(.+)$/.exec(spec.trim());
  return m?.[1] !== undefined && m[2] !== undefined ? { name: m[1], rest: m[2] } : { rest: spec.trim() };
};

const parseUnix = (rest: string, name: string | undefined): DockerEndpoint => {
  const path = (rest.startsWith('unix://') ? rest.slice('unix://'.length) : rest).split('?')[0] ?? '';
  if (path === '') throw new DockerConfigError(`Docker engine '${rest}' has no socket path. Use ${ENGINE_FORMS}.`);
  const defaultName = path === DEFAULT_DOCKER_SOCKET ? hostname() : path;
  return { name: name ?? defaultName, url: `unix://${path}`, socketPath: path };
};

const parseTcp = (rest: string, name: string | undefined, env: NodeJS.ProcessEnv): DockerEndpoint => {
  let u: URL;
  try {
    u = new URL(rest);
  } catch (cause) {
    throw new DockerConfigError(`Docker engine '${rest}' is not a valid URL. Use ${ENGINE_FORMS}.`, { cause });
  }
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new DockerConfigError(`Docker engine '${rest}' has no host. Use ${ENGINE_FORMS}.`);
  const tlsParam = u.searchParams.get('tls');
  const envVerify = envValue(env, 'DOCKER_TLS_VERIFY');
  // Read from the text: URL drops a port equal to the scheme's default (https://h:443 → '').
  const portText = /^[a-z]+:\/\/(?:\[[^\]]*\]|[^/:?#]*):(\d+)/i.exec(rest)?.[1];
  const explicitPort = portText === undefined ? undefined : Number(portText);
  // An explicit http:// or https:// scheme says what the user wants; tcp:// follows the env.
  const tcpTls = u.protocol === 'tcp:' && ((envVerify !== undefined && truthy(envVerify)) || explicitPort === 2376);
  const tlsOn = tlsParam !== null ? truthy(tlsParam) : u.protocol === 'https:' || tcpTls;
  // Docker's defaults: 2376 for TLS, 2375 for plain.
  const port = explicitPort ?? (tlsOn ? 2376 : 2375);
  const hostPort = `${u.hostname}:${String(port)}`;
  const url = `${u.protocol === 'http:' || u.protocol === 'https:' ? u.protocol.slice(0, -1) : 'tcp'}://${hostPort}`;
  const ep: DockerEndpoint = { name: name ?? hostPort, url, host, port };
  if (tlsOn) {
    const certsParam = u.searchParams.get('certs');
    // The docker CLI's order: DOCKER_CERT_PATH, then its config dir (DOCKER_CONFIG or ~/.docker).
    const envDir = envValue(env, 'DOCKER_CERT_PATH') ?? envValue(env, 'DOCKER_CONFIG') ?? join(homeOf(env), '.docker');
    const dir = expandHome(certsParam ?? envDir, env);
    const fromEnv = certsParam === null;
    const verifyParam = u.searchParams.get('verify');
    ep.tls = {
      ca: readCert(dir, 'ca.pem', url, fromEnv),
      cert: readCert(dir, 'cert.pem', url, fromEnv),
      key: readCert(dir, 'key.pem', url, fromEnv),
      verify: verifyParam === null ? true : truthy(verifyParam),
    };
  }
  return ep;
};

/**
 * Parses one engine spec: `[name=]unix:///path`, `[name=]tcp://host:port`, `[name=]https://host:port`
 * (a bare `/path` is read as a unix socket). TLS follows the Docker conventions (DOCKER_TLS_VERIFY,
 * DOCKER_CERT_PATH, port 2376); `?tls=0|1`, `&certs=/dir` and `&verify=0` override them per engine.
 * `env` is read for those variables and HOME only, so tests can pass a plain object.
 */
export const parseEndpoint = (spec: string, env: NodeJS.ProcessEnv = process.env): DockerEndpoint => {
  const { name, rest } = splitName(spec);
  if (rest.startsWith('unix://') || rest.startsWith('/')) return parseUnix(rest, name);
  if (/^(tcp|https?):\/\//.test(rest)) return parseTcp(rest, name, env);
  const scheme = /^([a-z0-9+.-]+):\/\//i.exec(rest)?.[1];
  const what = scheme === undefined ? 'is not an engine URL' : `uses '${scheme}://', which berth does not support`;
  throw new DockerConfigError(`Docker engine '${spec}' ${what}. Use ${ENGINE_FORMS}.`, {
    hint: `Use ${ENGINE_FORMS}.`,
  });
};

/**
 * The engines named by DOCKER_HOST, or the local socket when it is unset. As a berth extension
 * DOCKER_HOST may list several engines separated by commas (a comma never occurs in one URL).
 */
export const endpointsFromEnv = (env: NodeJS.ProcessEnv = process.env): DockerEndpoint[] => {
  const specs = (envValue(env, 'DOCKER_HOST') ?? `unix://${DEFAULT_DOCKER_SOCKET}`)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return specs.map((s) => parseEndpoint(s, env));
};
