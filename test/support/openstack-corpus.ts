import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stableHash } from '../../events/hash.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { decodeOslo } from '../../events/translate/oslo-envelope.js';
import { translateOpenStack } from '../../events/translate/openstack/index.js';

/** shared/corpus/openstack (read-only); BERTH_OPENSTACK_CORPUS points elsewhere. */
export const OPENSTACK_CORPUS = process.env['BERTH_OPENSTACK_CORPUS']
  ?? resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/corpus/openstack');

/** observedAt of every corpus translation, so that golden output is deterministic. */
export const OBSERVED_AT = '2026-11-23T12:00:00.000000000Z';
/** What oslo would have stamped on samples that carry no timestamp (nova's doc samples). */
const SAMPLE_TIME = '2026-11-23 12:00:00.000000';

/** Every file under a corpus folder, as paths relative to the corpus root, sorted. */
export const corpusFilesUnder = (folder: string): string[] => {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
  return walk(join(OPENSTACK_CORPUS, folder)).map((p) => relative(OPENSTACK_CORPUS, p)).sort();
};

export const readCorpus = (rel: string): string => readFileSync(join(OPENSTACK_CORPUS, rel), 'utf8');

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);

/** What a corpus file is, for the translator: wire bodies, or why it holds none. */
export type CorpusEntry = { kind: 'bodies'; bodies: string[] } | { kind: 'not-a-notification'; why: string };

/**
 * The wire bodies a corpus file stands for, built as its MANIFEST describes: exact bodies as
 * they are; `.amqp.json` → its `messages[].body`; listener-callback form (searchlight) and
 * ManageIQ reassemblies → a 1.0 message (`ctxt` → `_context_*`, `metadata` → id and time);
 * payload-only samples → a 1.0 message named after the file; notigen templates → one message
 * per element with placeholders filled in. Ids and times a sample lacks are made up
 * deterministically (hash of the path, a fixed time), as oslo would have added them.
 */
export const corpusEntry = (rel: string): CorpusEntry => {
  if (!rel.endsWith('.json')) return { kind: 'not-a-notification', why: 'not JSON (YAML capture, README or doc excerpt)' };
  const text = readCorpus(rel);
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return { kind: 'not-a-notification', why: 'invalid JSON (kept verbatim upstream)' };
  }
  if (Array.isArray(j)) return { kind: 'bodies', bodies: templateBodies(j, stableHash(rel).slice(0, 6)) };
  if (!isObj(j)) return { kind: 'not-a-notification', why: 'not an object' };
  if (Array.isArray(j['messages'])) return { kind: 'bodies', bodies: j['messages'].map((m) => String((m as Obj)['body'])) };
  if (Object.hasOwn(j, 'oslo.version')) return { kind: 'bodies', bodies: [text] };
  if (typeof j['event_type'] === 'string') return { kind: 'bodies', bodies: [JSON.stringify(asMessage(rel, j))] };
  const why = nonNotification(rel, j);
  if (why) return { kind: 'not-a-notification', why };
  const named = Object.entries(j).filter(([, v]) => isObj(v) && typeof v['event_type'] === 'string');
  if (named.length > 0 && named.length === Object.keys(j).length) {
    return { kind: 'bodies', bodies: named.map(([k, v]) => JSON.stringify(asMessage(`${rel}#${k}`, v as Obj))) };
  }
  if (rel.includes('stacktach-notification-schemas/')) return { kind: 'bodies', bodies: [JSON.stringify(payloadOnly(rel, j))] };
  return { kind: 'not-a-notification', why: 'unknown shape' };
};

const nonNotification = (rel: string, j: Obj): string | null => {
  if (rel.includes('/api-samples/')) return 'REST API sample, not a notification';
  if (rel.includes('/common_payloads/')) return 'nova_object fragment referenced by samples';
  if (Object.hasOwn(j, '$schema')) return 'JSON schema';
  if (Object.hasOwn(j, 'broker_after_listener_start')) return 'broker queues/bindings, not a message';
  return null;
};

/** A 1.0 oslo message from the listener-callback form, a ManageIQ reassembly, or a bare sample. */
const asMessage = (key: string, j: Obj): Obj => {
  const meta = isObj(j['metadata']) ? j['metadata'] : {};
  const out: Obj = {
    message_id: j['message_id'] ?? meta['message_id'] ?? `corpus-${stableHash(key)}`,
    publisher_id: j['publisher_id'] ?? 'unknown',
    event_type: j['event_type'],
    priority: j['priority'] ?? 'INFO',
    payload: j['payload'] ?? {},
    timestamp: j['timestamp'] ?? meta['timestamp'] ?? SAMPLE_TIME,
  };
  for (const [k, v] of Object.entries(j)) if (!(k in out) && k !== 'ctxt' && k !== 'metadata') out[k] = v;
  if (isObj(j['ctxt'])) for (const [k, v] of Object.entries(j['ctxt'])) out[`_context_${k}`] = v;
  return out;
};

/** `compute-instance-resize-confirm-end_1.json` → `compute.instance.resize.confirm.end`; `scheduler-run_instance-end_1` → `scheduler.run_instance.end`. */
const payloadOnly = (rel: string, payload: Obj): Obj => {
  const eventType = basename(rel).replace(/_\d+\.json$/, '').replace(/-/g, '.');
  return { message_id: `corpus-${stableHash(rel)}`, publisher_id: 'compute.notigen-host', event_type: eventType, priority: 'INFO', payload, timestamp: SAMPLE_TIME };
};

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `[days, seconds, microseconds]` after the operation start → an oslo timestamp. */
const dtText = (d: readonly number[]): string => {
  const [days = 0, secs = 0, micros = 0] = d;
  const ms = T0 + (days * 86400 + secs) * 1000 + Math.floor(micros / 1000);
  const x = new Date(ms);
  return `${x.getUTCFullYear()}-${pad(x.getUTCMonth() + 1)}-${pad(x.getUTCDate())} ${pad(x.getUTCHours())}:${pad(x.getUTCMinutes())}:${pad(x.getUTCSeconds())}.${pad(micros, 6)}`;
};

/**
 * Fills a notigen template's `[[[[NAME]]]]` placeholders: `DT_n` from the header's time_map,
 * `publisher_id` as a compute publisher, anything else as a stable readable value unique to the
 * template (`p<tag>-uuid-1`), so that two templates never share an id or a token.
 */
export const templateBodies = (list: readonly unknown[], tag: string): string[] => {
  const header = isObj(list[0]) ? list[0] : {};
  const timeMap = isObj(header['time_map']) ? header['time_map'] : {};
  return list.slice(1).map((msg) => JSON.stringify(msg).replace(/\[\[\[\[([A-Za-z0-9_]+)\]\]\]\]/g, (whole, name: string) => {
    const dt = timeMap[whole];
    if (Array.isArray(dt)) return dtText(dt as number[]);
    if (name === 'publisher_id') return 'compute.notigen-host';
    return `p${tag}-${name.toLowerCase().replace(/_/g, '-')}`;
  }));
};

/** Decodes and translates one body as the daemon would (observedAt fixed); throws on a body that does not decode. */
export const translateBody = (body: string): OpsEvent[] => {
  const d = decodeOslo(body);
  if (!d.ok) throw new Error(`does not decode: ${d.reason}`);
  return translateOpenStack(d.message, OBSERVED_AT);
};

/** Every string value of a credential key in a body (the inner 2.0 message included): what must never be stored. */
export const secretValues = (body: string): string[] => {
  const out: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (isObj(x)) {
      for (const [k, v] of Object.entries(x)) {
        if (/(auth_token|password|secret|^token$|_token$|x-auth-token)/i.test(k) && typeof v === 'string' && v.length >= 6) out.push(v);
        else if (k === 'oslo.message' && typeof v === 'string') walk(JSON.parse(v));
        else walk(v);
      }
    }
  };
  walk(JSON.parse(body));
  return out;
};
