import type { CloudAuth, ScopeRef, UserRef } from './cloud-auth.js';

type Json = Record<string, unknown>;

const domain = (id: string | undefined, name: string | undefined): Json | undefined =>
  id !== undefined ? { id } : name !== undefined ? { name } : undefined;

const userOf = (u: UserRef): Json => {
  if (u.id !== undefined) return { id: u.id };
  const d = domain(u.domainId, u.domainName);
  return { name: u.name, ...(d !== undefined ? { domain: d } : {}) };
};

const scopeOf = (s: ScopeRef): Json | undefined => {
  if (s.projectId !== undefined) return { project: { id: s.projectId } };
  if (s.projectName !== undefined) {
    const d = domain(s.projectDomainId, s.projectDomainName);
    return { project: { name: s.projectName, ...(d !== undefined ? { domain: d } : {}) } };
  }
  const d = domain(s.domainId, s.domainName);
  return d !== undefined ? { domain: d } : undefined;
};

/**
 * The body of `POST /v3/auth/tokens` (Keystone v3 API reference: "Password authentication with
 * scoped authorization", "Authenticating with an Application Credential"). An application
 * credential carries its own scope, so it is sent without one.
 */
export const tokenRequestBody = (auth: CloudAuth): Json => {
  if (auth.type === 'v3applicationcredential') {
    const cred: Json = auth.id !== undefined ? { id: auth.id, secret: auth.secret } : { name: auth.name, secret: auth.secret, user: userOf(auth.user) };
    return { auth: { identity: { methods: ['application_credential'], application_credential: cred } } };
  }
  const scope = scopeOf(auth.scope);
  return {
    auth: {
      identity: { methods: ['password'], password: { user: { ...userOf(auth.user), password: auth.password } } },
      ...(scope !== undefined ? { scope } : {}),
    },
  };
};
