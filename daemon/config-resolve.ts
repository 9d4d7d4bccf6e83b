import { MASK, maskUrl } from '../events/mask-url.js';
import type { ConfigFile } from './config-schema.js';
import type { DaemonConfig } from './config.js';
import { formatListen } from './listen.js';
import { hasRole } from './roles.js';
import { endpointsFromEnv, parseEndpoint } from './sources/docker/endpoint.js';
import { DEFAULT_NATS_URL } from './store/connect.js';
import { natsTarget } from './store/nats-options.js';

export { ConfigFileError, formatProblem, loadConfigFile, parseConfigText } from './config-file.js';
export type { ConfigFile, ConfigProblem } from './config-file.js';

type FlagValue = string | number | boolean | readonly string[];

const secondsOf = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

/** Flag name → where the file keeps its value. */
const FLAG_SOURCES: readonly (readonly [string, (f: ConfigFile) => FlagValue | undefined])[] = [
  ['prefix', (f) => f.prefix],
  ['writer', (f) => f.writer],
  ['role', (f) => f.roles],
  ['state-dir', (f) => f.state_dir],
  ['read-only', (f) => f.read_only],
  ['nats', (f) => f.nats?.url],
  ['nats-user', (f) => f.nats?.user],
  ['nats-password', (f) => f.nats?.password],
  ['nats-token', (f) => f.nats?.token],
  ['nats-nkey', (f) => f.nats?.nkey],
  ['nats-creds', (f) => f.nats?.creds],
  ['nats-ca', (f) => f.nats?.tls?.ca],
  ['nats-cert', (f) => f.nats?.tls?.cert],
  ['nats-key', (f) => f.nats?.tls?.key],
  ['engine', (f) => f.sources?.docker?.engines],
  ['no-docker', (f) => (f.sources?.docker?.enabled === false ? true : undefined)],
  ['keep-health-execs', (f) => f.sources?.docker?.keep_health_execs],
  ['amqp', (f) => f.sources?.amqp?.url],
  ['amqp-queue', (f) => f.sources?.amqp?.queue],
  ['amqp-exchange', (f) => f.sources?.amqp?.exchanges],
  ['os-cloud', (f) => f.sources?.openstack?.cloud],
  ['openstack-api', (f) => f.sources?.openstack?.api],
  ['os-cacert', (f) => f.sources?.openstack?.cacert],
  ['os-insecure', (f) => f.sources?.openstack?.insecure],
  ['os-reconcile-interval', (f) => secondsOf(f.intervals?.openstack_reconcile)],
  ['resync-interval', (f) => secondsOf(f.intervals?.docker_resync)],
  ['stop-timeout', (f) => secondsOf(f.intervals?.stop_timeout)],
  ['retention-days', (f) => (f.retention?.max_age === undefined ? undefined : f.retention.max_age / 86_400_000)],
  ['replicas', (f) => f.retention?.replicas],
  ['snapshot-every', (f) => f.snapshots?.every],
  ['snapshot-keep', (f) => f.snapshots?.keep],
  ['log-level', (f) => f.log?.level],
  ['log-format', (f) => f.log?.format],
  ['quiet', (f) => f.log?.quiet],
  ['http', (f) => f.http?.listen],
];

/**
 * The values a configuration file gives the daemon's flags, by flag name. Settings that have no
 * flag are applied by `withFileSettings`.
 */
export const fileFlags = (f: ConfigFile): Readonly<Record<string, FlagValue>> => {
  const out: Record<string, FlagValue> = {};
  for (const [name, get] of FLAG_SOURCES) {
    const v = get(f);
    if (v !== undefined) out[name] = v;
  }
  return out;
};

/**
 * Flags neither given on the command line nor set by their `BERTH_*` variable take the file's
 * value (`explicit` tells which were given). Precedence: flag > variable > file > context > default.
 */
export const overlayFlags = <T extends object>(flags: T, explicit: (name: string) => boolean, file: ConfigFile | undefined): T => {
  if (file === undefined) return flags;
  const out = { ...flags } as Record<string, unknown>;
  for (const [name, v] of Object.entries(fileFlags(file))) if (!explicit(name)) out[name] = v;
  return out as T;
};

/** The file's settings that have no flag: stream size and dedup window, swarm/ping intervals, AMQP prefetch. */
export const withFileSettings = (cfg: DaemonConfig, f: ConfigFile | undefined): DaemonConfig => {
  if (f === undefined) return cfg;
  const r = f.retention;
  const i = f.intervals;
  const prefetch = f.sources?.amqp?.prefetch;
  return {
    ...cfg,
    policy: { ...cfg.policy, ...(r?.max_bytes === undefined ? {} : { maxBytes: r.max_bytes }), ...(r?.duplicate_window === undefined ? {} : { duplicateWindowMs: r.duplicate_window }) },
    engine: { ...cfg.engine, ...(i?.swarm_poll === undefined ? {} : { swarmPollMs: i.swarm_poll }), ...(i?.docker_ping === undefined ? {} : { pingMs: i.docker_ping }) },
    amqp: cfg.amqp === undefined || prefetch === undefined ? cfg.amqp : { ...cfg.amqp, prefetch },
  };
};

/** `300000` → `5m`: the largest unit that divides evenly. */
export const formatDuration = (ms: number): string => {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) if (ms > 0 && ms % size === 0) return `${ms / size}${unit}`;
  return ms === 0 ? '0s' : `${ms}ms`;
};

const masked = (v: string | undefined): string | undefined => (v === undefined ? undefined : MASK);
const clean = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const openstackPart = (cfg: DaemonConfig): Record<string, unknown> | undefined => {
  const api = cfg.openstackApi;
  if (cfg.cloud === undefined && api === undefined) return undefined;
  return clean({ cloud: cfg.cloud, api: api !== undefined && hasRole(cfg.roles, 'openstack'), cacert: api?.cacert, insecure: api?.insecure });
};

const engineList = (cfg: DaemonConfig, env: NodeJS.ProcessEnv): string[] => {
  if (cfg.engines.length > 0) return cfg.engines.map(maskUrl);
  try {
    return endpointsFromEnv(env).map((e) => `${e.name}=${e.url}`);
  } catch (err) {
    return [`(DOCKER_HOST cannot be used: ${(err as Error).message})`];
  }
};

/**
 * The resolved configuration in the configuration file's own shape (so it can be saved as one),
 * with every secret replaced by `***` and passwords in URLs masked.
 */
export const describeConfig = (cfg: DaemonConfig, env: NodeJS.ProcessEnv = process.env): Record<string, unknown> => {
  const n = cfg.nats;
  const docker = hasRole(cfg.roles, 'docker') && cfg.docker;
  return clean({
    prefix: cfg.prefix,
    writer: cfg.writer,
    roles: [...cfg.roles],
    state_dir: cfg.stateDir,
    read_only: cfg.readOnly,
    nats: clean({
      url: maskUrl(cfg.natsUrl ?? DEFAULT_NATS_URL),
      user: n?.user, password: masked(n?.pass), token: masked(n?.token), nkey: n?.nkeyFile, creds: n?.credsFile,
      tls: n?.tls === undefined ? undefined : clean({ ca: n.tls.caFile, cert: n.tls.certFile, key: n.tls.keyFile }),
    }),
    sources: clean({
      docker: { enabled: docker, engines: docker ? engineList(cfg, env) : [], keep_health_execs: cfg.engine.keepHealthExecs === true },
      amqp: cfg.amqp === undefined ? undefined : { url: maskUrl(cfg.amqp.url), queue: cfg.amqp.queue, exchanges: [...cfg.amqp.exchanges], prefetch: cfg.amqp.prefetch },
      openstack: openstackPart(cfg),
    }),
    intervals: clean({
      docker_resync: formatDuration(cfg.engine.resyncMs), swarm_poll: formatDuration(cfg.engine.swarmPollMs), docker_ping: formatDuration(cfg.engine.pingMs),
      openstack_reconcile: cfg.openstackApi === undefined ? undefined : formatDuration(cfg.openstackApi.intervalMs),
      stop_timeout: formatDuration(cfg.stopTimeoutMs),
    }),
    retention: { max_age: formatDuration(Math.round(cfg.policy.maxAgeDays * 86_400_000)), max_bytes: cfg.policy.maxBytes, duplicate_window: formatDuration(cfg.policy.duplicateWindowMs), replicas: cfg.policy.replicas },
    snapshots: { every: cfg.snapshots.every, keep: cfg.snapshots.keep },
    log: { level: cfg.logLevel, format: cfg.logJson ? 'json' : 'text', quiet: cfg.quiet },
    http: cfg.http === undefined ? undefined : { listen: formatListen(cfg.http) },
  });
};

/**
 * What the daemon would find wrong at start, found without starting: the NATS servers and the
 * credential and TLS files, and every Docker engine it would follow (with their certificates).
 */
export const checkResolved = (cfg: DaemonConfig, env: NodeJS.ProcessEnv = process.env): void => {
  natsTarget(cfg.natsUrl ?? DEFAULT_NATS_URL, cfg.nats);
  if (!hasRole(cfg.roles, 'docker') || !cfg.docker) return;
  if (cfg.engines.length > 0) for (const e of cfg.engines) parseEndpoint(e, env);
  else endpointsFromEnv(env);
};
