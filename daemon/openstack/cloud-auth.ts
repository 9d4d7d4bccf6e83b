import { ConfigError } from '../../events/errors.js';

/** A user named within a domain, or by id. */
export type UserRef = Readonly<{ id?: string | undefined; name?: string | undefined; domainId?: string | undefined; domainName?: string | undefined }>;

/** What the token is scoped to (a project, or a domain); none: an unscoped token, which has no catalog. */
export type ScopeRef = Readonly<{
  projectId?: string | undefined;
  projectName?: string | undefined;
  projectDomainId?: string | undefined;
  projectDomainName?: string | undefined;
  domainId?: string | undefined;
  domainName?: string | undefined;
}>;

/** Keystone v3 credentials: a password, or an application credential (which carries its own scope). */
export type CloudAuth =
  | Readonly<{ type: 'password'; authUrl: string; user: UserRef; password: string; scope: ScopeRef }>
  | Readonly<{ type: 'v3applicationcredential'; authUrl: string; id?: string | undefined; name?: string | undefined; secret: string; user: UserRef }>;

type Source = Readonly<Record<string, unknown>>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** The fields of one auth block, under the names clouds.yaml uses (the `OS_*` names map onto them). */
const build = (type: string, a: Source, where: string): CloudAuth => {
  const authUrl = str(a['auth_url']);
  if (authUrl === undefined) throw new ConfigError(`${where} has no auth_url.`, { hint: 'Set auth.auth_url (or OS_AUTH_URL) to the Keystone v3 URL.' });
  // A default domain fills in whichever of user and project domain is not given, as keystoneauth does.
  const defaultDomainId = str(a['default_domain_id']);
  const defaultDomainName = str(a['default_domain_name']);
  const domainFallback = (id: unknown, name: unknown): { id: string | undefined; name: string | undefined } => {
    const i = str(id);
    const n = str(name);
    return i === undefined && n === undefined ? { id: defaultDomainId, name: defaultDomainName } : { id: i, name: n };
  };
  const ud = domainFallback(a['user_domain_id'], a['user_domain_name']);
  const user: UserRef = { id: str(a['user_id']), name: str(a['username']), domainId: ud.id, domainName: ud.name };
  if (type === 'v3applicationcredential') {
    const secret = str(a['application_credential_secret']);
    const id = str(a['application_credential_id']);
    const name = str(a['application_credential_name']);
    if (secret === undefined) throw new ConfigError(`${where} has no application_credential_secret.`, { hint: 'Set it in clouds.yaml or secure.yaml (or OS_APPLICATION_CREDENTIAL_SECRET).' });
    if (id === undefined && (name === undefined || (user.id === undefined && user.name === undefined))) {
      throw new ConfigError(`${where} names no application credential: give application_credential_id, or its name with the user.`);
    }
    return { type, authUrl, id, name, secret, user };
  }
  if (type !== 'password' && type !== 'v3password') {
    throw new ConfigError(`${where} uses auth_type '${type}', which berth does not support.`, { hint: "Use 'password' or 'v3applicationcredential'." });
  }
  const password = str(a['password']);
  if (password === undefined) throw new ConfigError(`${where} has no password.`, { hint: 'Set auth.password (clouds.yaml or secure.yaml) or OS_PASSWORD.' });
  if (user.id === undefined && user.name === undefined) throw new ConfigError(`${where} has no username or user_id.`);
  const pd = domainFallback(a['project_domain_id'], a['project_domain_name']);
  const scope: ScopeRef = {
    projectId: str(a['project_id']) ?? str(a['tenant_id']),
    projectName: str(a['project_name']) ?? str(a['tenant_name']),
    projectDomainId: pd.id,
    projectDomainName: pd.name,
    domainId: str(a['domain_id']),
    domainName: str(a['domain_name']),
  };
  return { type: 'password', authUrl, user, password, scope };
};

const isObj = (v: unknown): v is Source => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The auth of one clouds.yaml entry (`auth_type` and its `auth:` block). */
export const authFromYaml = (cloud: Source, where: string): CloudAuth => {
  const auth = isObj(cloud['auth']) ? cloud['auth'] : {};
  const type = str(cloud['auth_type']) ?? (auth['application_credential_secret'] !== undefined ? 'v3applicationcredential' : 'password');
  return build(type, auth, where);
};

const ENV_KEYS = [
  'auth_url', 'username', 'user_id', 'password', 'user_domain_name', 'user_domain_id', 'project_name', 'project_id',
  'tenant_name', 'tenant_id', 'project_domain_name', 'project_domain_id', 'domain_name', 'domain_id', 'default_domain_id',
  'default_domain_name', 'application_credential_id', 'application_credential_name', 'application_credential_secret',
] as const;

/** The auth the `OS_*` variables describe (an openrc file). */
export const authFromEnv = (env: NodeJS.ProcessEnv): CloudAuth => {
  const a: Record<string, unknown> = {};
  for (const k of ENV_KEYS) a[k] = env[`OS_${k.toUpperCase()}`];
  // OS_DEFAULT_DOMAIN is the older spelling of the default domain (an id, "default" in most clouds).
  a['default_domain_id'] ??= env['OS_DEFAULT_DOMAIN'];
  const type = str(env['OS_AUTH_TYPE']) ?? (a['application_credential_secret'] !== undefined ? 'v3applicationcredential' : 'password');
  return build(type, a, 'The cloud of the OS_* variables');
};

/** The secrets of an auth, for masking in anything that might reach a log. */
export const secretsOf = (auth: CloudAuth): string[] => (auth.type === 'password' ? [auth.password] : [auth.secret]);
