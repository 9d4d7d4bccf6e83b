// A Keystone v3 token API in the shape the API reference gives (POST /v3/auth/tokens: password or
// application_credential identity, X-Subject-Token header, token body with expires_at, catalog,
// project, user, roles), plus a hook for the services its catalog points at. For unit tests of
// daemon/openstack and for a fake Zun-only cloud; HTTP or HTTPS.
import { randomBytes } from 'node:crypto';
import { createServer as createHttp } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';

export type FakeUser = Readonly<{ id: string; name: string; domain: string; password: string }>;
export type FakeAppCred = Readonly<{ id: string; name: string; userId: string; secret: string }>;

export type FakeKeystoneOptions = Readonly<{
  users?: readonly FakeUser[];
  appCreds?: readonly FakeAppCred[];
  /** Lifetime of a token (default one hour). */
  ttlMs?: number;
  /** The clock the fake dates tokens with (tests move it). */
  now?: () => number;
  /** Catalog services: type → path on this server (`{ compute: '/compute' }`). */
  services?: Readonly<Record<string, string>>;
  roles?: readonly string[];
  tls?: Readonly<{ cert: Buffer; key: Buffer }>;
  /** Answers requests for the catalog's services (the token is already checked). Return false for 404. */
  route?: (req: IncomingMessage, res: ServerResponse, body: string) => boolean | Promise<boolean>;
}>;

export type FakeKeystone = {
  /** The auth URL (`http://127.0.0.1:PORT/v3`). */
  readonly authUrl: string;
  readonly base: string;
  /** Tokens issued so far. */
  logins: number;
  /** Bodies of every POST /v3/auth/tokens, parsed. */
  readonly authBodies: unknown[];
  /** Requests to services, as `METHOD path`. */
  readonly calls: string[];
  /** Every token issued so far stops working (a revocation). */
  revokeAll: () => void;
  close: () => Promise<void>;
};

export const DEFAULT_USER: FakeUser = { id: 'u-admin', name: 'admin', domain: 'Default', password: 'pw-Zq8!secret' };

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const unauthorized = (res: ServerResponse): void =>
  send(res, 401, { error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' } });

type Json = Record<string, unknown>;
const obj = (x: unknown): Json => (typeof x === 'object' && x !== null ? (x as Json) : {});

export const startFakeKeystone = async (o: FakeKeystoneOptions = {}): Promise<FakeKeystone> => {
  const users = o.users ?? [DEFAULT_USER];
  const now = o.now ?? Date.now;
  const tokens = new Map<string, number>();
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    if (req.method === 'POST' && req.url === '/v3/auth/tokens') return issue(res, body);
    const token = req.headers['x-auth-token'];
    const exp = typeof token === 'string' ? tokens.get(token) : undefined;
    if (exp === undefined || exp <= now()) return unauthorized(res);
    fake.calls.push(`${req.method ?? ''} ${req.url ?? ''}`);
    if (!(await (o.route?.(req, res, body) ?? false))) send(res, 404, { itemNotFound: { code: 404, message: 'Not found' } });
  };
  const who = (identity: Json): FakeUser | undefined => {
    if (Array.isArray(identity['methods']) && identity['methods'].includes('application_credential')) {
      const c = obj(identity['application_credential']);
      const cred = (o.appCreds ?? []).find((a) => (a.id === c['id'] || (a.name === c['name'] && obj(c['user'])['name'] !== undefined)) && a.secret === c['secret']);
      return cred === undefined ? undefined : users.find((u) => u.id === cred.userId);
    }
    const u = obj(obj(identity['password'])['user']);
    return users.find((x) => (x.id === u['id'] || (x.name === u['name'] && obj(u['domain'])['name'] === x.domain)) && x.password === u['password']);
  };
  const issue = (res: ServerResponse, body: string): void => {
    let parsed: Json;
    try {
      parsed = obj(JSON.parse(body));
    } catch {
      return send(res, 400, { error: { code: 400, message: 'Malformed request body', title: 'Bad Request' } });
    }
    fake.authBodies.push(parsed);
    const user = who(obj(obj(parsed['auth'])['identity']));
    if (user === undefined) return unauthorized(res);
    const token = `tok-${randomBytes(12).toString('hex')}`;
    const expires = now() + (o.ttlMs ?? 3_600_000);
    tokens.set(token, expires);
    fake.logins += 1;
    const catalog = Object.entries(o.services ?? {}).map(([type, path]) => ({
      type, name: type, id: type, endpoints: [{ id: `${type}-p`, interface: 'public', region: 'RegionOne', region_id: 'RegionOne', url: `${fake.base}${path}` }],
    }));
    send(res, 201, {
      token: {
        methods: ['password'], expires_at: new Date(expires).toISOString(), issued_at: new Date(now()).toISOString(),
        user: { id: user.id, name: user.name, domain: { id: 'default', name: user.domain } },
        project: { id: 'p-admin', name: 'admin', domain: { id: 'default', name: 'Default' } },
        roles: (o.roles ?? ['admin', 'member', 'reader']).map((r) => ({ id: `r-${r}`, name: r })), catalog,
      },
    }, { 'x-subject-token': token });
  };
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handler(req, res).catch((err: unknown) => send(res, 500, { error: { code: 500, message: String(err) } }));
  };
  const server: Server = o.tls ? createHttps({ cert: o.tls.cert, key: o.tls.key }, listener) : createHttp(listener);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const base = `${o.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const fake: FakeKeystone = {
    authUrl: `${base}/v3`, base, logins: 0, authBodies: [], calls: [],
    revokeAll: () => tokens.clear(),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return fake;
};
