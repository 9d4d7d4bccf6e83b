import { ConfigError } from '../../events/errors.js';
import { maskSecrets } from '../../events/mask-url.js';
import { findEndpoint, parseCatalog, type CatalogService } from './catalog.js';
import { secretsOf } from './cloud-auth.js';
import { resolveCloud, type CloudConfig, type ResolveOptions } from './clouds.js';
import { apiMessageOf, KeystoneAuthError, OpenStackApiError } from './errors.js';
import { createHttp, type Http } from './http.js';
import { tokenRequestBody } from './token-body.js';

export { KeystoneAuthError, OpenStackApiError, OpenStackUnreachableError } from './errors.js';
export type { CloudConfig } from './clouds.js';

/** What an API call returned: status, lower-cased headers, and the body parsed as JSON (text if it is not JSON; undefined if empty). */
export type OpenStackReply = Readonly<{ status: number; headers: Readonly<Record<string, string>>; body: unknown }>;

/**
 * A logged-in cloud. Tokens are fetched on first use, reused, renewed `renewBeforeMs` before they
 * expire, and renewed once more when a service answers 401 (a revoked token).
 */
export type Cloud = Readonly<{
  /** The cloud's name (clouds.yaml) or `envvars`. */
  name: string;
  /** The resolved settings; carries the secret, so never log it: use `describe()`. */
  config: CloudConfig;
  /** A valid token (X-Auth-Token), fetched or renewed as needed. */
  token: () => Promise<string>;
  /** The catalog URL of a service type (`compute`, `network`, `orchestration`, `container-infra`, `container`), no trailing slash. Throws ConfigError if absent. */
  endpoint: (serviceType: string, iface?: string) => Promise<string>;
  /** The project and user the token is for (null when unscoped), and the names of its roles. */
  scope: () => Promise<Readonly<{ projectId: string | null; userId: string | null; roles: readonly string[] }>>;
  /** Whether the catalog has a service type (Zun's `container` is optional). */
  hasService: (serviceType: string) => Promise<boolean>;
  /**
   * One API call: `path` is relative to the service's endpoint (or an absolute URL, e.g. a `next`
   * link). JSON `body` is serialised. Throws OpenStackApiError on a status ≥ 400, with the service's
   * message; OpenStackUnreachableError if nothing answered.
   */
  request: (serviceType: string, method: string, path: string, body?: unknown, headers?: Readonly<Record<string, string>>) => Promise<OpenStackReply>;
  /** Safe one-line description for logs: name, auth URL, user, auth type. No secret. */
  describe: () => string;
  /** Closes pooled connections; requests in flight fail. */
  close: () => Promise<void>;
}>;

export type OpenCloudOptions = ResolveOptions &
  Readonly<{
    /** Settings already resolved; otherwise `resolveCloud(opts)`. */
    config?: CloudConfig;
    /** Per-request timeout (default 60 s: a busy Magnum takes seconds to list a few clusters). */
    timeoutMs?: number;
    /** Renew a token this long before `expires_at` (default 120 s). */
    renewBeforeMs?: number;
    /** The clock (tests). */
    now?: () => number;
  }>;

type Session = Readonly<{ token: string; expiresAt: number; catalog: readonly CatalogService[]; projectId: string | null; userId: string | null; roles: readonly string[] }>;

const parseJson = (text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

const rolesOf = (x: unknown): string[] =>
  Array.isArray(x) ? x.map((r) => (typeof r === 'object' && r !== null ? (r as { name?: unknown }).name : undefined)).filter((n): n is string => typeof n === 'string') : [];

const joinUrl = (base: string, path: string): string => (/^https?:\/\//.test(path) ? path : `${base}/${path.replace(/^\/+/, '')}`);

/** Opens a cloud: resolves its settings now (ConfigError if they cannot work), authenticates on first use. */
export const openCloud = (opts: OpenCloudOptions = {}): Cloud => {
  const config = opts.config ?? resolveCloud(opts);
  const now = opts.now ?? Date.now;
  const renewBefore = opts.renewBeforeMs ?? 120_000;
  const secrets = secretsOf(config.auth);
  const http: Http = createHttp(config, opts.timeoutMs ?? 60_000);
  const authUrl = config.auth.authUrl.replace(/\/+$/, '');
  const who = config.auth.user.name ?? config.auth.user.id ?? (config.auth.type === 'v3applicationcredential' ? (config.auth.id ?? config.auth.name) : undefined) ?? '?';
  const describe = (): string => `cloud '${config.name}' (${config.auth.type} as '${who}' at ${authUrl}, from ${config.origin})`;
  let session: Session | undefined;
  let pending: Promise<Session> | undefined;

  const login = async (): Promise<Session> => {
    const url = `${authUrl.replace(/\/v3$/, '')}/v3/auth/tokens`;
    const reply = await http.send({ method: 'POST', url, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(tokenRequestBody(config.auth)) });
    if (reply.status >= 400) {
      throw new KeystoneAuthError(`Keystone at '${authUrl}' refused to issue a token for ${describe()}: ${String(reply.status)} ${apiMessageOf(reply.text, secrets)}`, reply.status);
    }
    const token = reply.headers['x-subject-token'];
    const body = parseJson(reply.text) as { token?: { expires_at?: unknown; catalog?: unknown; project?: { id?: unknown }; user?: { id?: unknown }; roles?: unknown } } | undefined;
    const expiresAt = typeof body?.token?.expires_at === 'string' ? Date.parse(body.token.expires_at) : NaN;
    if (token === undefined || token === '' || Number.isNaN(expiresAt)) {
      throw new KeystoneAuthError(`Keystone at '${authUrl}' answered ${String(reply.status)} without a token or its expiry: is auth_url a Keystone v3 endpoint?`, reply.status);
    }
    const idOf = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);
    return { token, expiresAt, catalog: parseCatalog(body?.token?.catalog), projectId: idOf(body?.token?.project?.id), userId: idOf(body?.token?.user?.id), roles: rolesOf(body?.token?.roles) };
  };

  const current = async (): Promise<Session> => {
    if (session !== undefined && session.expiresAt - now() > renewBefore) return session;
    // One login at a time: concurrent callers share it.
    pending ??= login().finally(() => {
      pending = undefined;
    });
    session = await pending;
    return session;
  };

  const endpointIn = (s: Session, serviceType: string, iface: string): string => {
    const url = findEndpoint(s.catalog, serviceType, iface, config.regionName);
    if (url === undefined) {
      throw new ConfigError(`The catalog of ${describe()} has no '${iface}' endpoint for service type '${serviceType}'${config.regionName !== undefined ? ` in region '${config.regionName}'` : ''}.`, {
        hint: 'Check region_name and interface, or that the service is deployed.',
      });
    }
    return url;
  };

  const request = async (serviceType: string, method: string, path: string, body?: unknown, headers: Readonly<Record<string, string>> = {}): Promise<OpenStackReply> => {
    const once = async (s: Session) => {
      const url = joinUrl(endpointIn(s, serviceType, config.interface), path);
      const h: Record<string, string> = { accept: 'application/json', ...headers, 'x-auth-token': s.token };
      if (body !== undefined) h['content-type'] ??= 'application/json';
      return http.send({ method, url, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    };
    let s = await current();
    let reply = await once(s);
    if (reply.status === 401) {
      // The token was revoked or expired early: forget it (unless someone already renewed it) and retry once.
      if (session?.token === s.token) session = undefined;
      s = await current();
      reply = await once(s);
    }
    if (reply.status >= 400) throw new OpenStackApiError(serviceType, method, maskSecrets(path, secrets), reply.status, apiMessageOf(reply.text, [...secrets, s.token]));
    return { status: reply.status, headers: reply.headers, body: parseJson(reply.text) };
  };

  return {
    name: config.name,
    config,
    token: async () => (await current()).token,
    endpoint: async (serviceType, iface = config.interface) => endpointIn(await current(), serviceType, iface),
    scope: async () => {
      const s = await current();
      return { projectId: s.projectId, userId: s.userId, roles: s.roles };
    },
    hasService: async (serviceType) => (await current()).catalog.some((s) => s.type === serviceType && s.endpoints.length > 0),
    request,
    describe,
    close: () => http.close(),
  };
};
