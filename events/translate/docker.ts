import { RAW_INLINE_LIMIT } from '../envelope.js';
import type { SourceRef, SubjectRef } from '../envelope.js';
import { stableHash } from '../hash.js';
import type { OpsEvent } from '../ops-event.js';
import { fromUnixNanos } from '../time.js';
import type { CanonicalTime } from '../time.js';
import { intAttr, splitAction } from './docker-message.js';
import { mayHoldSecret, redactByKey, redactString } from './redact.js';
import type { DockerEventMessage } from './docker-message.js';

/** Id of a Docker event: the engine gives none, and `(Type, Action, Actor.ID, timeNano)` is what repeats on redelivery. */
export const dockerEventId = (host: string, m: DockerEventMessage): string =>
  'dk-' + stableHash(`${host}|${m.Type}|${m.Action}|${m.Actor.ID}|${m.timeNano}`);

/** The fields every event made from one Docker message shares. */
type Base = { id: string; at: CanonicalTime; observedAt: CanonicalTime; source: SourceRef; raw?: string; rawRef?: { bytes: number; hash: string } };

/** The id is the message's as the engine sent it; what is kept (`raw`) is `kept`'s, its credentials out. */
const base = (host: string, m: DockerEventMessage, kept: DockerEventMessage, observedAt: CanonicalTime): Base => {
  const b: Base = { id: dockerEventId(host, m), at: fromUnixNanos(m.timeNano), observedAt, source: { kind: 'docker', host } };
  const bytes = utf8Bytes(kept.raw);
  if (bytes <= RAW_INLINE_LIMIT) b.raw = kept.raw;
  else b.rawRef = { bytes, hash: stableHash(kept.raw) };
  return b;
};

/**
 * The message with its credentials out, when its line names one (mayHoldSecret): an exec's command
 * line (`sh -c 'mysql --password=...'`) scrubbed as free text, an attribute under a secret-like key
 * (a label `db_password`) replaced by `***`, and the raw line scrubbed alike. Other attribute values
 * (names, images, labels) stay as they are: they name things in the model.
 */
const withoutSecrets = (m: DockerEventMessage): DockerEventMessage => {
  if (!mayHoldSecret(m.raw)) return m;
  // The line as text: JSON.parse and stringify would round timeNano's nanoseconds away.
  return { ...m, Action: m.Action.startsWith('exec_') ? redactString(m.Action) : m.Action, Actor: { ...m.Actor, Attributes: redactByKey(m.Actor.Attributes) }, raw: redactString(m.raw) };
};

/** UTF-8 size of a string: the limit is in bytes, and `length` counts UTF-16 units. */
const utf8Bytes = (s: string): number => {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 1 : 2;
  }
  return n;
};

const CONTAINER_ACTIVITY = new Set([
  'attach', 'detach', 'resize', 'top', 'commit', 'export', 'archive-path', 'extract-to-dir', 'copy', 'checkpoint',
]);
const UNMODELED_TYPES = new Set(['image', 'volume', 'daemon', 'plugin', 'builder', 'secret', 'config']);

/**
 * Translates one Docker event into berth events (the anti-corruption layer). Pure and total:
 * anything it cannot place becomes `Unrecognized` with the raw line kept.
 */
export const translateDockerEvent = (host: string, sent: DockerEventMessage, observedAt: CanonicalTime): OpsEvent[] => {
  const m = withoutSecrets(sent);
  const b = base(host, sent, m, observedAt);
  switch (m.Type) {
    case 'container':
      // `prune` is about the engine (Actor.ID is empty), not about one container.
      return [m.Action === 'prune' ? engineObject(b, m) : containerEvent(b, m)];
    case 'network':
      return [networkEvent(b, m)];
    case 'service':
    case 'node':
      return [swarmEvent(b, m)];
    default:
      if (UNMODELED_TYPES.has(m.Type)) return [engineObject(b, m)];
      return [unrecognized(b, `unknown Docker event type '${m.Type}'`, m.Type, { kind: 'host', id: host })];
  }
};

const unrecognized = (b: Base, reason: string, sourceType: string | null, subject: SubjectRef): OpsEvent => ({
  ...b, type: 'Unrecognized', v: 1, subject, data: { reason, sourceType },
});

const engineObject = (b: Base, m: DockerEventMessage): OpsEvent => ({
  ...b,
  type: 'EngineObjectChanged',
  v: 1,
  subject: { kind: m.Type === 'image' ? 'image' : m.Type === 'volume' ? 'volume' : 'engine', id: m.Actor.ID || b.source.host },
  data: { objectType: m.Type, action: m.Action, actorId: m.Actor.ID, attributes: m.Actor.Attributes, scope: m.scope ?? 'local' },
});

const containerEvent = (b: Base, m: DockerEventMessage): OpsEvent => {
  const containerId = m.Actor.ID;
  const a = m.Actor.Attributes;
  const subject: SubjectRef = { kind: 'container', id: containerId };
  const { verb, arg } = splitAction(m.Action);
  const c = { ...b, v: 1 as const, subject };
  const id = { containerId };
  switch (verb) {
    case 'create': return { ...c, type: 'ContainerCreated', data: { ...id, name: a['name'] ?? '', image: a['image'] ?? '' } };
    case 'start': return { ...c, type: 'ContainerStarted', data: id };
    case 'restart': return { ...c, type: 'ContainerRestarted', data: id };
    case 'die': return { ...c, type: 'ContainerDied', data: { ...id, exitCode: intAttr(a['exitCode']) } };
    case 'stop': return { ...c, type: 'ContainerStopped', data: id };
    case 'kill': return { ...c, type: 'ContainerKilled', data: { ...id, signal: intAttr(a['signal']) } };
    case 'pause': return { ...c, type: 'ContainerPaused', data: id };
    case 'unpause': return { ...c, type: 'ContainerUnpaused', data: id };
    case 'rename': return { ...c, type: 'ContainerRenamed', data: { ...id, name: a['name'] ?? '', oldName: (a['oldName'] ?? '').replace(/^\//, '') } };
    case 'update': return { ...c, type: 'ContainerUpdated', data: id };
    case 'oom': return { ...c, type: 'ContainerOomKilled', data: id };
    case 'destroy': return { ...c, type: 'ContainerDestroyed', data: id };
    case 'health_status': return { ...c, type: 'ContainerHealthChanged', data: { ...id, health: arg ?? 'unknown' } };
    case 'exec_create': case 'exec_start': case 'exec_die': case 'exec_detach':
      return { ...c, type: 'ContainerExecRan', data: { ...id, execId: a['execID'] ?? '', phase: verb.slice(5) as 'create', command: arg, exitCode: intAttr(a['exitCode']) } };
    default:
      if (CONTAINER_ACTIVITY.has(verb)) return { ...c, type: 'ContainerActivity', data: { ...id, action: m.Action } };
      return unrecognized(b, `unknown container action '${m.Action}'`, 'container', subject);
  }
};

const networkEvent = (b: Base, m: DockerEventMessage): OpsEvent => {
  const a = m.Actor.Attributes;
  const networkId = m.Actor.ID;
  const name = a['name'] ?? '';
  switch (m.Action) {
    case 'connect': case 'disconnect': {
      const containerId = a['container'] ?? '';
      return {
        ...b, v: 1, subject: { kind: 'container', id: containerId },
        type: m.Action === 'connect' ? 'ContainerNetworkConnected' : 'ContainerNetworkDisconnected',
        data: { containerId, networkId, networkName: name },
      };
    }
    case 'create':
      return { ...b, v: 1, type: 'NetworkCreated', subject: { kind: 'network', id: networkId }, data: { networkId, name, driver: a['type'] ?? '', scope: m.scope ?? 'local' } };
    case 'destroy': case 'remove':
      return { ...b, v: 1, type: 'NetworkRemoved', subject: { kind: 'network', id: networkId }, data: { networkId, name } };
    case 'update': case 'prune':
      return engineObject(b, m);
    default:
      return unrecognized(b, `unknown network action '${m.Action}'`, 'network', { kind: 'network', id: networkId || b.source.host });
  }
};

const swarmEvent = (b: Base, m: DockerEventMessage): OpsEvent => {
  const a = m.Actor.Attributes;
  const changes: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) if (k !== 'name') changes[k] = v;
  const name = a['name'] ?? '';
  if (m.Type === 'service') {
    return { ...b, v: 1, type: 'ServiceChanged', subject: { kind: 'service', id: m.Actor.ID }, data: { serviceId: m.Actor.ID, name, action: m.Action, changes } };
  }
  return { ...b, v: 1, type: 'SwarmNodeChanged', subject: { kind: 'engine', id: `swarm-node:${m.Actor.ID}` }, data: { nodeId: m.Actor.ID, name, action: m.Action, changes } };
};
