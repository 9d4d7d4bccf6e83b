// Real-shaped event records for the replay stream: what berth's own translators make of the
// OpenStack and Docker corpora (real captures), with the inspect-based ContainerObserved records the
// Docker source adds after create and start. Each record becomes a template whose ids can be
// re-keyed per copy, so one corpus yields as many distinct entities as a run needs.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OpsEvent } from '../../events/ops-event.js';
import { encodeToken } from '../../events/ids.js';
import { containerFromInspect } from '../../events/translate/docker-inspect.js';
import { translateDockerEvent } from '../../events/translate/docker.js';
import type { ContainerSnapshot } from '../../events/container.js';
import { parseEventLine } from '../../daemon/sources/docker/ndjson.js';
import { containerObserved } from '../../daemon/sources/docker/records.js';
import { corpusEntry, corpusFilesUnder, translateBody } from '../../test/support/openstack-corpus.js';

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
const OBSERVED_AT = '2026-11-23T12:00:00.000000000Z';
/**
 * Left out: deletes (the stream should leave a model of live entities, a cloud's steady state), and
 * records that change nothing in the model (execs, which the daemon drops for healthchecks by
 * default, and engine object notices), so that 1M events make about 100k entities.
 */
const DELETES = new Set(['ContainerExecRan', 'ContainerActivity', 'EngineObjectChanged', 'ContainerDestroyed', 'ContainerVanished', 'VmDeleted', 'NeutronPortDeleted', 'NeutronResourceDeleted', 'NetworkRemoved', 'NetworkVanished', 'StackDeleted']);

/** OpenStack: every corpus body the daemon would turn into model events (Unrecognized and bare notices left out). */
export const openstackRecords = (): OpsEvent[] => {
  const out: OpsEvent[] = [];
  let vmChanges = 0;
  for (const dir of ['nova', 'neutron', 'heat', 'magnum', 'oslo']) {
    for (const rel of corpusFilesUnder(dir)) {
      const e = corpusEntry(rel);
      if (e.kind !== 'bodies') continue;
      for (const body of e.bodies) {
        let events: OpsEvent[];
        try {
          events = translateBody(body);
        } catch {
          continue;
        }
        if (events.some((x) => x.type === 'Unrecognized' || x.type === 'OpenStackNotified')) continue;
        // Every fifth VM state change left out too: the corpus has 18 per VM.
        out.push(...events.filter((x) => !DELETES.has(x.type) && !(x.type === 'VmStateChanged' && ++vmChanges % 5 === 0)));
      }
    }
  }
  return out;
};

const inspectSnapshots = (): ContainerSnapshot[] => {
  const dir = join(CORPUS, 'docker', 'snapshot');
  return readdirSync(dir).filter((f) => f.startsWith('container-inspect-')).sort()
    .map((f) => containerFromInspect(JSON.parse(readFileSync(join(dir, f), 'utf8'))))
    .filter((c): c is ContainerSnapshot => c !== null);
};

/** The records the Docker source makes of one engine line: the translation, plus an inspect after a create or start. */
const dockerLineRecords = (line: string, snaps: readonly ContainerSnapshot[], n: number): OpsEvent[] => {
  const item = parseEventLine(line);
  if (!item?.ok) return [];
  const out: OpsEvent[] = [];
  for (const e of translateDockerEvent('docker-1', item.event, OBSERVED_AT)) {
    if (DELETES.has(e.type) || e.type === 'Unrecognized') continue;
    out.push(e);
    if ((e.type !== 'ContainerCreated' && e.type !== 'ContainerStarted') || snaps.length === 0) continue;
    const snap = snaps[(n + out.length) % snaps.length] as ContainerSnapshot;
    const name = e.type === 'ContainerCreated' ? e.data.name : snap.name;
    out.push(containerObserved({ host: 'docker-1', at: e.at, observedAt: OBSERVED_AT }, { ...snap, containerId: e.data.containerId, name, state: e.type === 'ContainerStarted' ? 'running' : 'created' }, e.id));
  }
  return out;
};

/** Docker: the engine captures of the corpus, translated, with an inspect observation after each create and start. */
export const dockerRecords = (): OpsEvent[] => {
  const dir = join(CORPUS, 'docker');
  const snaps = inspectSnapshots();
  const out: OpsEvent[] = [];
  for (const f of readdirSync(dir).filter((x) => /^0[1-7]-/.test(x)).sort()) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) out.push(...dockerLineRecords(line, snaps, out.length));
  }
  return out;
};

/** Ids re-keyed per copy: Docker's 64-hex ids and UUIDs (with or without dashes are both forms OpenStack uses). */
const ID_RE = /@@ID@@|@@AT@@|[0-9a-f]{64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** A record as text with holes: literal parts between ids, the record id and its time. */
export type Template = Readonly<{ body: readonly string[]; subject: readonly string[] }>;

const split = (text: string): string[] => {
  const parts: string[] = [];
  let last = 0;
  for (const m of text.matchAll(ID_RE)) {
    parts.push(text.slice(last, m.index), m[0]);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
};

export const toTemplate = (e: OpsEvent): Template => ({
  body: split(JSON.stringify({ ...e, id: '@@ID@@', at: '@@AT@@' })),
  subject: split(`${e.subject.kind}.${encodeToken(e.subject.id)}`),
});

const hex = (k: number, width: number): string => k.toString(16).padStart(width, '0');

/** The copy-`k` form of an id token (same shape, distinct per copy). */
const rekey = (token: string, k: number): string => {
  const h = hex(k, 12);
  // The head and the tail stay: ids made up by hand (…0001, …0002) differ there.
  return token.length === 64 ? token.slice(0, 40) + h + token.slice(52) : `${token.slice(0, 14)}${h.slice(4, 8)}-${h.slice(8)}${token.slice(23)}`;
};

/** Fills a template's holes for copy `k`: ids re-keyed, record id and time given. */
export const fill = (parts: readonly string[], k: number, id: string, at: string): string => {
  let s = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const t = parts[i] as string;
    s += (t === '@@ID@@' ? id : t === '@@AT@@' ? at : rekey(t, k)) + (parts[i + 1] as string);
  }
  return s;
};
