import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { isWriterId } from '../events/chain.js';
import { ConfigError } from '../events/errors.js';
import { maskUrl } from '../events/mask-url.js';
import { DEFAULT_ENGINE_OPTIONS } from './sources/docker/subscribe.js';
import type { EngineOptions } from './sources/docker/subscribe.js';
import type { AmqpOptions } from './sources/openstack/amqp-options.js';
import type { OpenStackApiConfig } from './sources/openstack-api/source.js';
import type { NatsAuth } from './store/connect.js';
import { DEFAULT_POLICY } from './store/ensure.js';
import { storeNames } from './store/names.js';
import type { StreamPolicy } from './store/ensure.js';
import { DEFAULT_SNAPSHOTS } from './projector.js';
import type { SnapshotPolicy } from './projector.js';
import type { HttpListen } from './listen.js';
import type { LogLevel } from './log.js';
import { allRoles, ROLES, rolesLabel } from './roles.js';
import type { Role } from './roles.js';

/** Everything the daemon needs, resolved from flags and environment by the CLI. */
export type DaemonConfig = Readonly<{
  /** Explicit NATS URL; undefined means "127.0.0.1:4222, started by berth if nothing answers". */
  natsUrl: string | undefined;
  /** Credentials and TLS for NATS (flags, BERTH_NATS_* or the current context); never logged. */
  nats: NatsAuth | undefined;
  prefix: string;
  /** Docker engine specs (`[name=]unix:///path`, `[name=]tcp://host:port`); empty = DOCKER_HOST or the local socket. */
  engines: readonly string[];
  /** No Docker source at all (`--no-docker`). */
  docker: boolean;
  /** OpenStack notifications over AMQP; undefined = not followed. */
  amqp: AmqpOptions | undefined;
  /** OpenStack cloud (a clouds.yaml entry) from OS_CLOUD or the current context; undefined = OS_* variables. */
  cloud: string | undefined;
  /** OpenStack API snapshot and reconcile (`--openstack-api`) of `cloud`; undefined = not read. */
  openstackApi: OpenStackApiConfig | undefined;
  stateDir: string;
  policy: StreamPolicy;
  /** Model snapshots written by the projector (for `--at`, diff and fast restarts). */
  snapshots: SnapshotPolicy;
  engine: EngineOptions;
  logJson: boolean;
  quiet: boolean;
  /** This daemon's name in the tamper-evidence hash chain: stable across restarts, never shared by two running daemons. */
  writer: string;
  /** Refuse every action request (and record each refusal): `--read-only`. */
  readOnly: boolean;
  /** What this daemon does (`--role`; default all): see daemon/roles.ts. */
  roles: readonly Role[];
  logLevel: LogLevel;
  /** Where /healthz and /metrics are served (`--http`); undefined = not served. */
  http: HttpListen | undefined;
  /** How long a stop waits for JetStream before the daemon exits anyway (`--stop-timeout`). */
  stopTimeoutMs: number;
}>;

/** `$BERTH_STATE_DIR`, else `$XDG_STATE_HOME/berth`, else `~/.local/state/berth`. */
export const defaultStateDir = (env: NodeJS.ProcessEnv = process.env): string =>
  env['BERTH_STATE_DIR'] ?? join(env['XDG_STATE_HOME'] ?? join(homedir(), '.local', 'state'), 'berth');

/** amqp:// or amqps://, as amqplib connects (the configuration file's schema checks the same). */
export const isAmqpUrl = (v: string): boolean => {
  if (!/^amqps?:\/\/[^/]/i.test(v)) return false;
  try {
    return ['amqp:', 'amqps:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

/** A URL as typed, wrong or not, with whatever stands between `:` and `@` masked (maskUrl needs a URL it can parse). */
const maskTyped = (v: string): string => maskUrl(v).replace(/:[^:@/\s]*@/g, ':***@');

/** The AMQP options as given, or a ConfigError for a URL amqplib can never connect to (the daemon would retry it forever). */
const amqpOptions = (a: AmqpOptions | undefined): AmqpOptions | undefined => {
  if (a === undefined || isAmqpUrl(a.url)) return a;
  throw new ConfigError(`--amqp '${maskTyped(a.url).slice(0, 200)}' is not an AMQP URL.`, { hint: 'Give amqp://user:password@host:5672/vhost (or amqps:// for TLS), or BERTH_AMQP_URL.' });
};

const positive = (name: string, v: number): number => {
  if (!Number.isFinite(v) || v < 0) throw new ConfigError(`${name} must be a non-negative number, not '${v}'.`);
  return v;
};

/** `--writer`, else `<hostname>:<prefix>`, plus `:<roles>` for a daemon with some roles only (characters a writer id cannot hold become '-'). */
const writerId = (writer: string | undefined, prefix: string, roles: readonly Role[]): string => {
  const id = writer ?? `${hostname()}:${prefix}${allRoles(roles) ? '' : `:${rolesLabel(roles)}`}`.replace(/[^A-Za-z0-9._:@/+-]/g, '-').slice(0, 128);
  if (!isWriterId(id)) {
    throw new ConfigError(`--writer '${id}' is not a writer id berth can use.`, { hint: 'Use up to 128 letters, digits and . _ : @ / + -, starting with a letter or digit; give each daemon its own.' });
  }
  return id;
};

export const daemonConfig = (o: Partial<DaemonConfig> & { retentionDays?: number }): DaemonConfig => ({
  natsUrl: o.natsUrl,
  nats: o.nats,
  // Checked here, so --check-config refuses what the daemon could not use.
  prefix: storeNames(o.prefix ?? 'berth').prefix,
  engines: o.engines ?? [],
  docker: o.docker ?? true,
  amqp: amqpOptions(o.amqp),
  cloud: o.cloud,
  openstackApi: o.openstackApi,
  stateDir: o.stateDir ?? defaultStateDir(),
  policy: { ...DEFAULT_POLICY, ...o.policy, ...(o.retentionDays === undefined ? {} : { maxAgeDays: positive('--retention-days', o.retentionDays) }) },
  snapshots: { ...DEFAULT_SNAPSHOTS, ...o.snapshots },
  engine: { ...DEFAULT_ENGINE_OPTIONS, ...o.engine },
  logJson: o.logJson ?? false,
  quiet: o.quiet ?? false,
  writer: writerId(o.writer, o.prefix ?? 'berth', o.roles ?? ROLES),
  readOnly: o.readOnly ?? false,
  roles: o.roles ?? ROLES,
  logLevel: o.logLevel ?? 'info',
  http: o.http,
  stopTimeoutMs: o.stopTimeoutMs ?? 30_000,
});
