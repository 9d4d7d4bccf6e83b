// The OpenStack lab's REST APIs from Node (fetch): a Keystone v3 password token, reused until
// shortly before it expires, and the catalog's public endpoints. The `openstack` CLI costs seconds
// of Python start-up per call; one HTTP call here costs milliseconds.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The lab's admin credentials (`../shared/lab/openstack/README.md`): the openrc file, else clouds.yaml. */
export const OPENRC = process.env['BERTH_TEST_OS_OPENRC'] ?? '/var/lib/stacklab/admin-openrc.sh';
export const CLOUDS_YAML = process.env['BERTH_TEST_OS_CLOUDS'] ?? '/var/lib/stacklab/clouds.yaml';
export const CLOUD = process.env['OS_CLOUD'] ?? 'stacklab';
export const LAB_UP = 'bash /work/shared/lab/openstack/up.sh';

/**
 * Nova microversion of every compute call: 2.37 lets a server boot with `networks: "none"`, and
 * from 2.47 `server show` embeds the flavor (`original_name`), as Nova's notifications carry it.
 */
export const COMPUTE_MICROVERSION = '2.47';

export type Service = 'compute' | 'network' | 'orchestration' | 'container-infra' | 'image';

const SERVICE_HEADERS: Readonly<Record<Service, Readonly<Record<string, string>>>> = {
  compute: { 'OpenStack-API-Version': `compute ${COMPUTE_MICROVERSION}`, 'X-OpenStack-Nova-API-Version': COMPUTE_MICROVERSION },
  'container-infra': { 'OpenStack-API-Version': 'container-infra latest' },
  network: {}, orchestration: {}, image: {},
};

type Credentials = Readonly<{
  authUrl: string; username: string; password: string; projectName: string;
  userDomainName: string; projectDomainName: string; region: string | null; iface: string;
}>;

const need = (v: string | undefined, what: string, file: string): string => {
  if (v === undefined || v === '') throw new Error(`${file} does not set ${what}`);
  return v;
};

/** The `export K=V` lines of the openrc file (no shell involved). */
const fromOpenrc = (file: string): Credentials => {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*export\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) env[m[1] as string] = (m[2] as string).trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return {
    authUrl: need(env['OS_AUTH_URL'], 'OS_AUTH_URL', file), username: need(env['OS_USERNAME'], 'OS_USERNAME', file),
    password: need(env['OS_PASSWORD'], 'OS_PASSWORD', file), projectName: need(env['OS_PROJECT_NAME'], 'OS_PROJECT_NAME', file),
    userDomainName: env['OS_USER_DOMAIN_NAME'] ?? 'Default', projectDomainName: env['OS_PROJECT_DOMAIN_NAME'] ?? 'Default',
    region: env['OS_REGION_NAME'] ?? null, iface: env['OS_INTERFACE'] ?? 'public',
  };
};

const fromCloudsYaml = (file: string, cloud: string): Credentials => {
  const doc = parse(readFileSync(file, 'utf8')) as { clouds?: Record<string, { auth?: Record<string, string>; region_name?: string; interface?: string }> };
  const c = doc.clouds?.[cloud];
  if (c?.auth === undefined) throw new Error(`${file} has no cloud '${cloud}' with an auth section`);
  const a = c.auth;
  return {
    authUrl: need(a['auth_url'], 'auth_url', file), username: need(a['username'], 'username', file), password: need(a['password'], 'password', file),
    projectName: need(a['project_name'], 'project_name', file), userDomainName: a['user_domain_name'] ?? 'Default',
    projectDomainName: a['project_domain_name'] ?? 'Default', region: c.region_name ?? null, iface: c.interface ?? 'public',
  };
};

const credentials = (): Credentials => {
  if (existsSync(OPENRC)) return fromOpenrc(OPENRC);
  if (existsSync(CLOUDS_YAML)) return fromCloudsYaml(CLOUDS_YAML, CLOUD);
  throw new Error(`neither ${OPENRC} nor ${CLOUDS_YAML} exists: the OpenStack lab is not installed or not up (run ${LAB_UP})`);
};

/** An OpenStack API call that failed: method, URL, HTTP status and the API's own message. */
export class OsApiError extends Error {
  readonly status: number;
  constructor(method: string, url: string, status: number, body: string, opts?: ErrorOptions) {
    super(`${method} ${url}: ${status === 0 ? 'no answer' : `HTTP ${status}`}: ${apiMessage(body)}`, opts);
    this.name = 'OsApiError';
    this.status = status;
  }
}

/** The message inside Nova/Neutron/Heat/Magnum/Keystone error bodies (each nests it differently), else the body's head. */
const apiMessage = (body: string): string => {
  const found: string[] = [];
  const walk = (x: unknown, depth: number): void => {
    if (depth > 4 || x === null || typeof x !== 'object') return;
    for (const [k, v] of Object.entries(x)) {
      if (typeof v === 'string' && /^(message|detail|explanation)$/.test(k)) found.push(v);
      else walk(v, depth + 1);
    }
  };
  try { walk(JSON.parse(body), 0); } catch { /* not JSON: the head of the body says it */ }
  return (found.length > 0 ? found.join(' | ') : body).replace(/\s+/g, ' ').slice(0, 600);
};

type Token = { value: string; expiresAt: number; endpoints: ReadonlyMap<string, string> };

/** Keystone v3 password auth, scoped to the project; the catalog's endpoints of the wanted interface. */
const authenticate = async (c: Credentials): Promise<Token> => {
  const url = `${c.authUrl.replace(/\/+$/, '')}/auth/tokens`;
  const body = {
    auth: {
      identity: { methods: ['password'], password: { user: { name: c.username, domain: { name: c.userDomainName }, password: c.password } } },
      scope: { project: { name: c.projectName, domain: { name: c.projectDomainName } } },
    },
  };
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) })
    .catch((err: unknown) => { throw new OsApiError('POST', url, 0, (err as Error).message, { cause: err }); });
  const text = await res.text();
  const value = res.headers.get('x-subject-token');
  if (res.status !== 201 || value === null) throw new OsApiError('POST', url, res.status, text);
  const tok = (JSON.parse(text) as { token: { expires_at: string; catalog: { type: string; endpoints: { interface: string; region: string; url: string }[] }[] } }).token;
  const endpoints = new Map<string, string>();
  for (const svc of tok.catalog) {
    const ep = svc.endpoints.find((e) => e.interface === c.iface && (c.region === null || e.region === c.region));
    if (ep) endpoints.set(svc.type, ep.url.replace(/\/+$/, ''));
  }
  return { value, expiresAt: Date.parse(tok.expires_at), endpoints };
};

let current: Promise<Token> | undefined;

/** The token, fetched once and reused until five minutes before it expires (renewed once however many calls ask). */
const token = async (fresh = false): Promise<Token> => {
  const seen = current;
  const t = seen === undefined ? undefined : await seen.catch(() => undefined);
  if (!fresh && t !== undefined && t.expiresAt - Date.now() >= 300_000) return t;
  // Another call may have renewed it while this one waited.
  if (current === seen) current = authenticate(credentials());
  return current ?? authenticate(credentials());
};

/** Checks that Keystone answers and the catalog has every service the lab tests use. */
export const authenticateLab = async (): Promise<void> => {
  const t = await token(true);
  const missing = (['compute', 'network', 'orchestration', 'container-infra', 'image'] as const).filter((s) => !t.endpoints.has(s));
  if (missing.length > 0) throw new Error(`the catalog has no public endpoint for ${missing.join(', ')}`);
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Status codes a GET retries: the API is restarting or its RPC backend reconnecting. */
const TRANSIENT = new Set([0, 502, 503, 504]);

/**
 * One call to a service's public endpoint; the parsed JSON answer (null when empty). A 401
 * renews the token once; a GET is retried a few times on no answer or a 502/503/504.
 */
export const osApi = async <T = Record<string, unknown>>(service: Service, method: Method, path: string, body?: unknown, ms = 60_000): Promise<T> => {
  let renew = false;
  for (let attempt = 1; ; attempt += 1) {
    const t = await token(renew);
    renew = false;
    const base = t.endpoints.get(service);
    if (base === undefined) throw new Error(`the catalog has no public endpoint for ${service}`);
    const url = `${base}${path}`;
    const headers: Record<string, string> = { 'X-Auth-Token': t.value, Accept: 'application/json', ...SERVICE_HEADERS[service] };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(ms) })
      .catch((err: unknown) => ({ status: 0, text: async () => (err as Error).message }) as const);
    const text = await res.text();
    if (res.status >= 200 && res.status < 300) return (text.trim() === '' ? null : JSON.parse(text)) as T;
    const retry = (res.status === 401 && attempt === 1) || (method === 'GET' && TRANSIENT.has(res.status) && attempt <= 4);
    if (!retry) throw new OsApiError(method, url, res.status, text);
    if (res.status === 401) renew = true;
    else await new Promise((r) => setTimeout(r, 500 * attempt));
  }
};

/** GET, or null when the API answers 404 (the resource is gone). */
export const osGet = async <T = Record<string, unknown>>(service: Service, path: string): Promise<T | null> => {
  try {
    return await osApi<T>(service, 'GET', path);
  } catch (err) {
    if (err instanceof OsApiError && err.status === 404) return null;
    throw err;
  }
};

/** DELETE, tolerating "already gone" (404). */
export const osDel = async (service: Service, path: string): Promise<void> => {
  try {
    await osApi(service, 'DELETE', path);
  } catch (err) {
    if (!(err instanceof OsApiError && err.status === 404)) throw err;
  }
};
