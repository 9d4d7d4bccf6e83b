import { Flags } from '@oclif/core';
import { configFileTools, DEFAULT_AMQP, daemonConfig, LOG_LEVELS, logForcedStop, parseListen, parseRoles, ROLES, runDaemon } from '../../daemon/main.js';
import type { LogLevel } from '../../daemon/main.js';
import { BaseCommand } from '../base-command.js';
import { connectionFlags } from '../flags.js';
import { UsageError } from '../output/errors.js';
import { safeDeep, safeText } from '../output/sanitize.js';

type ConfigTools = Awaited<ReturnType<typeof configFileTools>>;

export default class Daemon extends BaseCommand {
  static override description = `Run the berth daemon in the foreground: follow Docker engines, append every change to NATS JetStream, keep the model current, and print what it sees.

With no NATS configured and nothing on 127.0.0.1:4222, it starts a local nats-server -js (data under the state directory). With no --engine, it follows DOCKER_HOST (with DOCKER_TLS_VERIFY/DOCKER_CERT_PATH) or the local socket.`;
  static override examples = [
    '<%= config.bin %> daemon',
    "<%= config.bin %> daemon --engine unix:///var/run/docker.sock --engine 'b=tcp://10.0.0.7:2376?tls=1&certs=/etc/berth/b'",
    'BERTH_NATS_URL=nats://js1:4222,nats://js2:4222 <%= config.bin %> daemon --replicas 3',
    '<%= config.bin %> daemon --config /etc/berth/berth.yaml --check-config',
    '<%= config.bin %> daemon --role docker --http 127.0.0.1:9464 --log-format json',
  ];
  static override flags = {
    ...connectionFlags,
    engine: Flags.string({ char: 'e', description: 'Docker engine to follow, [name=]unix:///path or [name=]tcp://host:port[?tls=1&certs=DIR] (repeatable; BERTH_ENGINES is comma-separated)', multiple: true, env: 'BERTH_ENGINES', delimiter: ',' }),
    'no-docker': Flags.boolean({ description: 'do not follow any Docker engine' }),
    amqp: Flags.string({ description: 'follow OpenStack notifications on this RabbitMQ (amqp://user:pass@host:5672/vhost)', env: 'BERTH_AMQP_URL', helpGroup: 'OPENSTACK' }),
    'amqp-queue': Flags.string({ description: "berth's own durable queue (never the shared notifications.info)", env: 'BERTH_AMQP_QUEUE', default: DEFAULT_AMQP.queue, helpGroup: 'OPENSTACK' }),
    'amqp-exchange': Flags.string({ description: 'notification exchange to bind (repeatable)', env: 'BERTH_AMQP_EXCHANGES', multiple: true, delimiter: ',', helpGroup: 'OPENSTACK' }),
    'openstack-api': Flags.boolean({ description: 'snapshot the OpenStack APIs at start and reconcile them every --os-reconcile-interval (servers, hypervisors, services, ports, networks, Heat, Magnum, Zun)', helpGroup: 'OPENSTACK' }),
    'os-cloud': Flags.string({ description: 'cloud of clouds.yaml (./, ~/.config/openstack/, /etc/openstack/) for --openstack-api and VM actions; without it, the OS_* variables', env: 'OS_CLOUD', helpGroup: 'OPENSTACK' }),
    'os-reconcile-interval': Flags.integer({ description: 'seconds between two reads of the OpenStack APIs', env: 'BERTH_OS_RECONCILE_INTERVAL', default: 300, min: 1, helpGroup: 'OPENSTACK' }),
    'os-cacert': Flags.string({ description: 'CA bundle to verify the cloud with (as the openstack CLI\'s --os-cacert)', env: 'OS_CACERT', helpGroup: 'OPENSTACK' }),
    'os-insecure': Flags.boolean({ description: 'do not verify the cloud\'s TLS certificates (as the openstack CLI\'s --insecure)', helpGroup: 'OPENSTACK' }),
    'state-dir': Flags.string({ description: 'where berth keeps local state (embedded NATS data)', env: 'BERTH_STATE_DIR' }),
    'retention-days': Flags.integer({ description: 'keep events this many days (0 = forever)', env: 'BERTH_RETENTION_DAYS' }),
    replicas: Flags.integer({ description: 'JetStream replicas of the stream and bucket (3 on a cluster)', env: 'BERTH_REPLICAS', default: 1 }),
    'keep-health-execs': Flags.boolean({ description: 'record healthcheck probe execs too (3 events per probe; off by default)' }),
    'resync-interval': Flags.integer({ description: 'seconds between full re-lists of each engine', env: 'BERTH_RESYNC_INTERVAL', default: 300 }),
    'log-format': Flags.string({ description: 'daemon log format on stderr', options: ['text', 'json'], default: 'text', env: 'BERTH_LOG_FORMAT' }),
    quiet: Flags.boolean({ char: 'q', description: 'do not print each recorded event on stdout' }),
    writer: Flags.string({ description: "this daemon's name in the tamper-evidence hash chain (default <hostname>:<prefix>): keep it across restarts, never give two running daemons the same one", env: 'BERTH_WRITER' }),
    'snapshot-every': Flags.integer({ description: 'write a model snapshot every N stored events (0 = never), or every quarter of the entity count for a model over 4N entities; --at, diff and restarts start from the nearest one and fold the events after it', env: 'BERTH_SNAPSHOT_EVERY', default: 10_000, min: 0 }),
    'read-only': Flags.boolean({ description: 'refuse every action request (berth container/vm ...), recording each refusal', env: 'BERTH_READ_ONLY' }),
    'snapshot-keep': Flags.integer({ description: 'how many snapshots to keep (the newest; with --snapshot-every they set how far back --at starts from one)', env: 'BERTH_SNAPSHOT_KEEP', default: 48, min: 1 }),
    config: Flags.string({ description: 'YAML configuration file (see examples/berth.yaml); flags and BERTH_* variables override it', env: 'BERTH_CONFIG', helpGroup: 'OPERATION' }),
    'check-config': Flags.boolean({ description: 'validate the configuration (file, flags, variables), print it resolved with secrets masked, and exit (0 valid, 2 not)', helpGroup: 'OPERATION' }),
    role: Flags.string({ description: `what this daemon does: ${ROLES.join(', ')} or all (repeatable or comma-separated; default all). Several daemons with different roles can share one JetStream`, env: 'BERTH_ROLES', multiple: true, delimiter: ',', helpGroup: 'OPERATION' }),
    'log-level': Flags.string({ description: 'lowest level logged', options: [...LOG_LEVELS], default: 'info', env: 'BERTH_LOG_LEVEL', helpGroup: 'OPERATION' }),
    http: Flags.string({ description: 'serve /healthz and /metrics (Prometheus) on host:port, e.g. 127.0.0.1:9464 (off unless given)', env: 'BERTH_HTTP', helpGroup: 'OPERATION' }),
    'stop-timeout': Flags.integer({ description: 'seconds a stop (SIGTERM, SIGINT) may wait for JetStream to take what is in flight before the daemon exits anyway (exit 1; a second signal exits at once); the sources deliver what was not stored again at the next start', env: 'BERTH_STOP_TIMEOUT', default: 30, min: 0, helpGroup: 'OPERATION' }),
  };

  async run(): Promise<void> {
    checkConfigTakesNoFile(this.argv);
    const parsed = await this.parse(Daemon);
    splitListVariables(parsed.flags);
    // The file's tools (yaml, zod) are loaded only for a file or --check-config: a daemon holds what it loads.
    const tools = parsed.flags.config !== undefined || parsed.flags['check-config'] ? await configFileTools() : undefined;
    const file = tools === undefined ? undefined : this.configFile(tools, parsed.flags.config);
    // The file fills in what neither a flag nor its variable set: flag > BERTH_* variable > file > context > default.
    const given = (name: string): boolean => parsed.metadata.flags[name]?.setFromDefault !== true && (parsed.flags as Record<string, unknown>)[name] !== undefined;
    const flags = tools === undefined ? parsed.flags : tools.overlayFlags(parsed.flags, given, file);
    const conn = await this.connection(flags);
    const resolved = daemonConfig({
      natsUrl: conn.url, nats: conn.auth, prefix: conn.prefix, engines: flags.engine ?? conn.engines ?? [], docker: !flags['no-docker'], cloud: flags['os-cloud'] ?? conn.cloud,
      openstackApi: flags['openstack-api'] ? { intervalMs: flags['os-reconcile-interval'] * 1000, cacert: flags['os-cacert'], insecure: flags['os-insecure'] } : undefined,
      amqp: flags.amqp === undefined ? undefined : {
        ...DEFAULT_AMQP, url: flags.amqp, queue: flags['amqp-queue'],
        ...(flags['amqp-exchange'] === undefined ? {} : { exchanges: flags['amqp-exchange'] }),
      },
      ...(flags['state-dir'] === undefined ? {} : { stateDir: flags['state-dir'] }),
      ...(flags['retention-days'] === undefined ? {} : { retentionDays: flags['retention-days'] }),
      policy: { maxAgeDays: 0, maxBytes: -1, duplicateWindowMs: 30 * 60_000, replicas: flags.replicas },
      snapshots: { every: flags['snapshot-every'], keep: flags['snapshot-keep'] },
      engine: { resyncMs: flags['resync-interval'] * 1000, swarmPollMs: 5000, pingMs: 15_000, keepHealthExecs: flags['keep-health-execs'] },
      logJson: flags['log-format'] === 'json', quiet: flags.quiet,
      ...(flags.writer === undefined ? {} : { writer: flags.writer }),
      readOnly: flags['read-only'],
      roles: parseRoles(flags.role), logLevel: flags['log-level'] as LogLevel, http: flags.http === undefined ? undefined : parseListen(flags.http),
      stopTimeoutMs: flags['stop-timeout'] * 1000,
    });
    const cfg = tools === undefined ? resolved : tools.withFileSettings(resolved, file);
    if (flags['check-config'] && tools !== undefined) return this.printConfig(tools, cfg, flags.config);
    const stop = new AbortController();
    // A stop waits for JetStream to acknowledge what is in flight (sources ack their input only
    // then), which is forever while JetStream is unreachable: after --stop-timeout, or at a second
    // signal, the daemon exits without it. Nothing is lost that way, as after a crash: what
    // JetStream did not acknowledge was not acked to its source either.
    const forced = new Promise<string>((resolve) => {
      const onSignal = (sig: NodeJS.Signals): void => {
        if (stop.signal.aborted) {
          resolve(`a second ${sig}`);
          return;
        }
        stop.abort();
        setTimeout(() => resolve(`not stopped ${cfg.stopTimeoutMs / 1000} s after ${sig}`), cfg.stopTimeoutMs).unref();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
    // One bad message or engine must never take the daemon down: log and keep going.
    process.on('unhandledRejection', (err) => process.stderr.write(`${new Date().toISOString()} error unhandled: ${(err as Error).stack ?? String(err)}\n`));
    const why = await Promise.race([runDaemon(cfg, stop.signal).then(() => undefined), forced]);
    if (why === undefined) return;
    logForcedStop(cfg, why);
    // Publishes still retrying, timers and sockets would keep the process alive.
    process.exit(1);
  }
  /** The configuration file, validated; a bad one lists every problem (`file:line:col: key: message`) and exits 2. */
  private configFile(tools: ConfigTools, path: string | undefined): ReturnType<ConfigTools['loadConfigFile']> | undefined {
    if (path === undefined) return undefined;
    try {
      return tools.loadConfigFile(path);
    } catch (err) {
      if (!(err instanceof tools.ConfigFileError)) throw err;
      for (const p of err.problems) this.logToStderr(safeText(tools.formatProblem(err.file, p)));
      this.logToStderr(safeText(`${err.problems.length} problem(s) in '${err.file}': nothing was started.`));
      return this.exit(2);
    }
  }

  /** `--check-config`: what the daemon would run with, in the file's own shape, secrets masked. */
  private async printConfig(tools: ConfigTools, cfg: Parameters<typeof runDaemon>[0], file: string | undefined): Promise<void> {
    tools.checkResolved(cfg);
    const { stringify } = await import('yaml');
    this.log(`# berth daemon configuration${file === undefined ? '' : ` from ${safeText(file)}`}, after flags and BERTH_* variables; secrets masked`);
    this.log(stringify(safeDeep(tools.describeConfig(cfg)), { lineWidth: 0 }).trimEnd());
  }
}

/**
 * `--check-config FILE`, as other tools take it, would otherwise meet oclif's "Unexpected argument"
 * and the whole help: --check-config checks the configuration --config (or BERTH_CONFIG) names.
 */
const checkConfigTakesNoFile = (argv: readonly string[]): void => {
  const i = argv.indexOf('--check-config');
  const next = i < 0 ? undefined : argv[i + 1];
  if (next === undefined || next.startsWith('-')) return;
  throw new UsageError(`--check-config takes no value ('${next}'): it checks the configuration that --config (or BERTH_CONFIG) names, with the flags and BERTH_* variables.`, {
    hint: `Run: berth daemon --config ${/^[\w./~:@%+=,-]+$/.test(next) ? next : `'${next.replace(/'/g, "'\\''")}'`} --check-config`,
  });
};

/**
 * oclif hands the variable of a repeatable flag (BERTH_ENGINES, BERTH_AMQP_EXCHANGES, BERTH_ROLES)
 * over as one string, not split at its delimiter: split here as `--engine a,b` is (a string was read
 * letter by letter, or was no list at all to the code after it).
 */
export const splitListVariables = (flags: Record<string, unknown>): void => {
  for (const name of ['engine', 'amqp-exchange', 'role']) {
    const v = flags[name];
    if (typeof v === 'string') flags[name] = v.split(',').map((x) => x.trim()).filter((x) => x !== '');
  }
};
