import { ConfigError } from '../events/errors.js';

/**
 * What one daemon does. Several daemons with different roles share one JetStream (one prefix):
 * - `docker`: follows Docker engines and answers their actions;
 * - `openstack`: follows OpenStack (notifications over AMQP, the cloud's APIs) and answers VM actions;
 * - `project`: writes the read model (KV bucket) and the snapshots.
 * Every daemon folds the stream in memory (sources diff against the model); only `project` writes it.
 */
export const ROLES = ['docker', 'openstack', 'project'] as const;
export type Role = (typeof ROLES)[number];

const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

/**
 * Roles from `--role` values (repeatable, each possibly a comma list) or a config file; `all` (or
 * nothing at all) means every role. Unknown names are a configuration error naming the known ones.
 */
export const parseRoles = (values: readonly string[] | undefined): readonly Role[] => {
  const words = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
  if (words.length === 0 || words.includes('all')) return ROLES;
  const bad = words.filter((w) => !isRole(w));
  if (bad.length > 0) {
    throw new ConfigError(`Unknown daemon role${bad.length > 1 ? 's' : ''} '${bad.join("', '")}'.`, { hint: `Roles are ${ROLES.join(', ')} (or all); give several with --role docker --role project or --role docker,project.` });
  }
  return ROLES.filter((r) => words.includes(r));
};

/** True when the daemon does everything (the default, single-daemon installation). */
export const allRoles = (roles: readonly Role[]): boolean => ROLES.every((r) => roles.includes(r));

export const hasRole = (roles: readonly Role[], r: Role): boolean => roles.includes(r);

/** `docker+project`, or `all`: for logs and the default writer id. */
export const rolesLabel = (roles: readonly Role[]): string => (allRoles(roles) ? 'all' : roles.join('+'));

/** Settings this daemon's roles make it ignore, as warnings (a `project` daemon given `--amqp`, say). */
export const ignoredByRoles = (roles: readonly Role[], given: Readonly<{ engines: boolean; amqp: boolean; api: boolean }>): string[] => {
  const off = (what: string, role: Role): string[] => (hasRole(roles, role) ? [] : [`${what} configured but this daemon's roles (${rolesLabel(roles)}) do not include ${role}: it is left to another daemon`]);
  return [...(given.engines ? off('Docker engines are', 'docker') : []), ...(given.amqp ? off('an AMQP broker is', 'openstack') : []), ...(given.api ? off('the OpenStack APIs are', 'openstack') : [])];
};
