import { hostname } from 'node:os';
import type { NatsConnection } from '@nats-io/transport-node';
import type { OpsEvent } from '../events/ops-event.js';
import { stableHash } from '../events/hash.js';
import type { DaemonConfig } from './config.js';
import { notAhead } from '../events/clock-skew.js';
import { describeEvent } from '../events/describe.js';
import { fromEpochMs } from '../events/time.js';
import { redactString } from '../events/translate/redact.js';
import { OpenRequests, orphanGraceMs } from './actions/orphans.js';
import { startActions } from './actions/start.js';
import { collectGarbageNow } from './heap.js';
import { createLogger } from './log.js';
import type { Logger } from './log.js';
import { Projector } from './projector.js';
import { configSecrets, startOps } from './ops.js';
import { hasRole, ignoredByRoles, rolesLabel } from './roles.js';
import { servePresence } from './presence.js';
import { DockerCursor } from './sources/docker/cursor.js';
import { endpointsFromEnv, parseEndpoint } from './sources/docker/endpoint.js';
import { DockerEngineSource } from './sources/docker/subscribe.js';
import { Appender } from './store/append.js';
import { connectNats, DEFAULT_NATS_URL } from './store/connect.js';
import { listening, startEmbeddedNats } from './store/embedded.js';
import { ensureStore } from './store/ensure.js';
import { storeNames } from './store/names.js';
import { sha256 } from './store/sha256.js';
import { SnapshotStore } from './store/snapshots.js';

/** Connects to the configured NATS, or to 127.0.0.1:4222, starting a local nats-server there when nothing answers. */
const natsFor = async (cfg: DaemonConfig, log: Logger): Promise<NatsConnection> => {
  if (cfg.natsUrl !== undefined) return connectNats(cfg.natsUrl, 'berth-daemon', { forever: true, auth: cfg.nats });
  if (!(await listening('127.0.0.1', 4222))) {
    const started = await startEmbeddedNats(cfg.stateDir);
    log.info(`no NATS server was running: started nats-server -js on ${started.url} (data in ${started.dataDir}, log ${started.logFile})`);
  }
  return connectNats(DEFAULT_NATS_URL, 'berth-daemon', { forever: true, auth: cfg.nats });
};

/**
 * The daemon: replays the stream into the model, then follows every configured source and
 * appends what it sees. Resolves when `signal` aborts (after draining in-flight publishes).
 */
export const runDaemon = async (cfg: DaemonConfig, signal: AbortSignal): Promise<void> => {
  const log = createLogger({ json: cfg.logJson, quiet: cfg.quiet, level: cfg.logLevel, secrets: configSecrets(cfg) });
  for (const w of ignoredByRoles(cfg.roles, { engines: cfg.engines.length > 0, amqp: cfg.amqp !== undefined, api: cfg.openstackApi !== undefined })) log.warn(w);
  // Resolved before anything starts: a cloud that cannot be configured is a startup error.
  // The OpenStack sources (undici, amqplib, the notification translators) are loaded only when configured.
  const cloud = cfg.openstackApi === undefined || !hasRole(cfg.roles, 'openstack') ? undefined : (await import('./openstack/keystone.js')).openCloud({ cloud: cfg.cloud, cacert: cfg.openstackApi.cacert, insecure: cfg.openstackApi.insecure });
  const names = storeNames(cfg.prefix);
  const nc = await natsFor(cfg, log);
  const { kv } = await ensureStore(nc, names, cfg.policy);
  const snapshots = await SnapshotStore.open(nc, names, true, cfg.policy.replicas);
  // Every daemon folds the stream (its sources diff against the model); only the `project` role writes the model and snapshots.
  const projector = new Projector(nc, names, hasRole(cfg.roles, 'project') ? kv : null, log, snapshots, cfg.snapshots);
  const endpoints = !cfg.docker || !hasRole(cfg.roles, 'docker') ? [] : cfg.engines.length > 0 ? cfg.engines.map((s) => parseEndpoint(s)) : endpointsFromEnv();
  const cursors = endpoints.map((ep) => new DockerCursor(ep.name));
  let live = false;
  // Action requests without an outcome (a daemon killed mid-action): given up on once the replay is done, see below.
  const openRequests = new OpenRequests();
  const startedAt = fromEpochMs(Date.now());
  projector.onEvent((e) => {
    for (const c of cursors) c.observe(e);
    openRequests.observe(e);
    // Seals (every ~2 s while busy) vouch for the events shown; printing them would only be noise.
    // The line is made only when printed: a --quiet daemon described every event for nothing.
    if (live && e.type !== 'ChainSealed') log.event(() => describeEvent(e));
  });
  // /healthz and /metrics (--http), up before the replay so a supervisor sees 'replaying' rather than nothing.
  const ops = await startOps(cfg, { nc, names, log, projector, snapshots, live: () => live, roles: cfg.roles, writer: cfg.writer });
  const stopAll = new AbortController();
  // A SIGTERM during the start (ensuring the store, replaying) has aborted `signal` already: an abort listener added now would never run.
  if (signal.aborted) stopAll.abort();
  else signal.addEventListener('abort', () => stopAll.abort(), { once: true });
  await projector.start(stopAll.signal);
  // The start's garbage (snapshot, replay, reconcile) would otherwise stay while the daemon idles.
  collectGarbageNow();
  // Restored from a snapshot, a quiet engine's last event may lie before the events replayed to the cursors.
  for (const c of cursors) c.resumeAt(projector.sourceTimes.get(`docker|${c.host}`));
  live = true;
  // Consoles ask this to tell a stopped daemon from a quiet one (berth top, issue 6).
  servePresence(nc, names, () => ({ pid: process.pid, seq: projector.inventory.counters.lastSeq }));
  const appender = new Appender(nc, names, log, { chain: { writer: cfg.writer, sha256, host: hostname() } });
  let aheadWarnings = 0;
  const record = async (events: readonly OpsEvent[]): Promise<void> => {
    await Promise.all(events.map((sent) => {
      const { event: e, skewMs } = notAhead(sent);
      if (skewMs > 0 && (aheadWarnings++ < 10 || aheadWarnings % 1000 === 0)) {
        log.warn(`${e.source.kind} ${e.source.host}: event ${e.id.slice(0, 80)} is dated ${sent.at.slice(0, 64)}, ${Math.round(skewMs / 1000)} s after berth read it: its clock runs ahead (or the timestamp is wrong); stored at the time it was read`);
      }
      return ops.meter.append(e, () => appender.append(e));
    }));
  };
  // Requests on <prefix>.cmd.docker.<engine>.* and <prefix>.cmd.openstack.<cloud>.* (daemon/actions/protocol.ts).
  const actions = await startActions({ nc, names, log, appender, engines: endpoints, inventory: () => projector.inventory, readOnly: cfg.readOnly,
    // VM actions belong to the daemon with the openstack role (an empty env: no OS_* fallback either).
    ...(hasRole(cfg.roles, 'openstack') ? { cloudName: cfg.cloud } : { cloudName: undefined, env: {} }) });
  // Requests this daemon's engines or cloud were asked before it started, still without an outcome
  // after a grace (another daemon of the same engine may be carrying one out): recorded as failed, outcome unknown.
  const orphanTimer = setTimeout(() => {
    for (const rec of openRequests.lost(actions.responders, startedAt, fromEpochMs(Date.now()))) {
      log.warn(`action ${rec.type === 'ActionFailed' ? rec.data.action : ''} ${rec.subject.kind} ${rec.subject.id.slice(0, 12)} (request ${rec.id.slice(4, 40)}) had no outcome: its daemon stopped before it knew; recorded as failed, outcome unknown`);
      void appender.append(rec).catch(() => undefined);
    }
  }, orphanGraceMs());
  orphanTimer.unref();
  stopAll.signal.addEventListener('abort', () => clearTimeout(orphanTimer), { once: true });
  const sources = endpoints.map((ep, i) => new DockerEngineSource(ep, {
    host: ep.name, log, inventory: () => projector.inventory, record,
  }, cursors[i] as DockerCursor, cfg.engine, (reason, raw) => appender.rejectInput('docker', reason, redactString(raw), `dk-bad-${stableHash(`${ep.name}|${raw}`)}`)));
  ops.watch({ appender, docker: sources });
  log.info(`berth daemon running: stream ${names.stream}, model ${names.bucket}, ${sources.length} Docker engine(s): ${endpoints.map((e) => `${e.name}=${e.url}`).join(', ') || 'none'}${cfg.amqp && hasRole(cfg.roles, 'openstack') ? ', OpenStack notifications' : ''}${cloud ? `, OpenStack APIs of ${cloud.describe()}` : ''}; roles: ${rolesLabel(cfg.roles)}`);
  const amqp = cfg.amqp === undefined || !hasRole(cfg.roles, 'openstack') ? undefined : await import('./openstack-notifications.js');
  const openstack = cfg.amqp === undefined || amqp === undefined ? [] : [amqp.runAmqpSource(cfg.amqp, {
    log, record, onDisconnect: () => ops.meter.reconnecting('amqp', cfg.amqp?.queue ?? ''),
    decode: (body) => {
      ops.meter.received('openstack');
      return amqp.decodeNotification(body);
    },
    // Poison keeps its reason and a redacted copy of the body: secrets never reach the stream.
    deadLetter: (reason, body, id) => appender.rejectInput('openstack', reason, amqp.redactText(body), `os-bad-${id}`),
  }, stopAll.signal)];
  const { OpenStackApiSource } = cloud === undefined ? { OpenStackApiSource: undefined } : await import('./sources/openstack-api/source.js');
  const openstackApi = cloud === undefined || cfg.openstackApi === undefined || OpenStackApiSource === undefined ? [] : [new OpenStackApiSource(cloud, {
    log, record, inventory: () => projector.inventory,
  }, { intervalMs: cfg.openstackApi.intervalMs }).run(stopAll.signal)];
  // With no source configured the daemon still keeps the model (other writers may append): run until stopped.
  const stopped = stopAll.signal.aborted ? Promise.resolve() : new Promise<void>((r) => stopAll.signal.addEventListener('abort', () => r(), { once: true }));
  await Promise.all([...sources.map((s) => s.run(stopAll.signal)), ...openstack, ...openstackApi, stopped]);
  ops.stopping();
  await actions.close();
  await appender.drain();
  await projector.flush();
  projector.stopRepairs();
  await projector.snapshotsSettled();
  appender.close();
  await nc.drain();
  await ops.close();
  log.info('berth daemon stopped');
};

/** Says, in the daemon's log, that it exits before its stop finished (`why`), and what that means. */
export const logForcedStop = (cfg: DaemonConfig, why: string): void => {
  createLogger({ json: cfg.logJson, quiet: true, level: cfg.logLevel, secrets: configSecrets(cfg) })
    .warn(`berth daemon exits now (${why}) without waiting for JetStream to acknowledge what is still in flight. Nothing is lost: what it did not acknowledge was not acknowledged to its source either, and comes again at the next start (RabbitMQ redelivers the notifications, each Docker engine is read again from the newest stored event, the OpenStack APIs are read again)`);
};

// The CLI's way in (STYLE.md §2: cli/ imports daemon/ only through main.ts and query/client.ts).
export { daemonConfig } from './config.js';
export { DEFAULT_AMQP } from './sources/openstack/amqp-options.js';
export { DEFAULT_NATS_URL };
export { parseRoles, ROLES } from './roles.js';
export { parseListen } from './listen.js';
export { LOG_LEVELS } from './log.js';
export type { LogLevel } from './log.js';
/** The configuration file's tools (yaml, the zod schema), loaded only by `berth daemon`. */
export const configFileTools = async () => import('./config-resolve.js');
export { AuditReader } from './query/audit-reader.js';
export { ActionClient, NoResponderError } from './actions/client.js';
export type { ActionReply, ActionRequestBody } from './actions/protocol.js';
export type { StreamFacts } from './query/audit-reader.js';
