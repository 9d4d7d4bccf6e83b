// Real-shaped OpenStack notifications: the corpus bodies the daemon makes model events of, each
// sent with a fresh message id on an exchange of the bench's own (so nobody else's queue sees them).
import { randomUUID } from 'node:crypto';
import { decodeOslo } from '../../events/translate/oslo-envelope.js';
import { translateOpenStack } from '../../events/translate/openstack/index.js';
import { corpusEntry, corpusFilesUnder } from '../../test/support/openstack-corpus.js';

export type Notification = Readonly<{ exchange: string; routingKey: string; body: string; events: number }>;

type Obj = Record<string, unknown>;

const SERVICE: readonly (readonly [RegExp, string])[] = [
  [/^(compute\.|instance\.|scheduler\.|aggregate\.|flavor\.|keypair\.|libvirt\.|service\.)/, 'nova'],
  [/^(port\.|network\.|subnet\.|router\.|floatingip\.|security_group)/, 'neutron'],
  [/^orchestration\./, 'heat'],
  [/^magnum\./, 'magnum'],
];

const serviceOf = (eventType: string): string => SERVICE.find(([re]) => re.test(eventType))?.[1] ?? 'openstack';

/** Exchanges the bench publishes to: `<prefix>-nova`, ... (the daemon is told to bind these). */
export const benchExchanges = (prefix: string): string[] => ['nova', 'neutron', 'heat', 'magnum', 'openstack'].map((s) => `${prefix}-${s}`);

/** The inner message of an oslo body (2.0: the `oslo.message` string; 1.0: the body itself). */
const inner = (outer: Obj): Obj => (typeof outer['oslo.message'] === 'string' ? (JSON.parse(outer['oslo.message']) as Obj) : outer);

/** The same body with a fresh `message_id` (and `_unique_id`), in the envelope form it came in. */
export const withFreshId = (body: string, id: string): string => {
  const outer = JSON.parse(body) as Obj;
  const m = inner(outer);
  m['message_id'] = id;
  if ('_unique_id' in m) m['_unique_id'] = id.replace(/-/g, '');
  return JSON.stringify(typeof outer['oslo.message'] === 'string' ? { ...outer, 'oslo.message': JSON.stringify(m) } : m);
};

/** How oslo.messaging would have sent a body: exchange by service, routing key by format and priority. */
const routed = (prefix: string, body: string, events: number): Notification => {
  const m = inner(JSON.parse(body) as Obj);
  const versioned = typeof (m['payload'] as Obj | undefined)?.['nova_object.name'] === 'string';
  const priority = String(m['priority'] ?? 'INFO').toLowerCase() === 'error' ? 'error' : 'info';
  return { exchange: `${prefix}-${serviceOf(String(m['event_type']))}`, routingKey: `${versioned ? 'versioned_notifications' : 'notifications'}.${priority}`, body, events };
};

/** How many model events the daemon makes of a body; 0 for notices only, unrecognised types or bodies that do not decode. */
const modelEvents = (body: string): number => {
  const d = decodeOslo(body);
  if (!d.ok) return 0;
  const events = translateOpenStack(d.message, '2026-11-23T12:00:00.000000000Z');
  return events.some((x) => x.type === 'Unrecognized' || x.type === 'OpenStackNotified') ? 0 : events.length;
};

/** Corpus bodies that make model events, with their wire routing. */
export const corpusNotifications = (prefix: string): Notification[] => {
  const out: Notification[] = [];
  for (const dir of ['nova', 'neutron', 'heat', 'magnum', 'oslo']) {
    for (const rel of corpusFilesUnder(dir)) {
      const e = corpusEntry(rel);
      if (e.kind !== 'bodies') continue;
      for (const body of e.bodies) {
        const events = modelEvents(body);
        if (events > 0) out.push(routed(prefix, body, events));
      }
    }
  }
  return out;
};

/** `n` notifications cycling through the corpus, each with a fresh message id. */
export const freshNotifications = (prefix: string, n: number): Notification[] => {
  const base = corpusNotifications(prefix);
  if (base.length === 0) throw new Error('no OpenStack corpus bodies found (../shared/corpus/openstack)');
  return Array.from({ length: n }, (_, i) => {
    const b = base[i % base.length] as Notification;
    return { ...b, body: withFreshId(b.body, randomUUID()) };
  });
};
