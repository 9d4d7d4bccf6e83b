import { RAW_INLINE_LIMIT } from '../../envelope.js';
import type { SourceRef, SubjectRef } from '../../envelope.js';
import { stableHash } from '../../hash.js';
import type { OpsEvent } from '../../ops-event.js';
import { toCanonical } from '../../time.js';
import type { CanonicalTime } from '../../time.js';
import type { OsloMessage } from '../oslo-envelope.js';
import { redactParsed, redactText } from '../redact.js';

/** The fields every event made from one notification shares. */
export type OsBase = {
  id: string;
  at: CanonicalTime;
  observedAt: CanonicalTime;
  source: SourceRef;
  raw?: string;
  rawRef?: { bytes: number; hash: string; requestId?: string };
};

/**
 * The host part of a `publisher_id`: after the first `:` (`nova-compute:<host>`), else after the
 * first `.` (`compute.<host>`; the host may be an FQDN). Null when there is no host part.
 */
export const publisherHost = (publisherId: string): string | null => {
  const colon = publisherId.indexOf(':');
  const i = colon >= 0 ? colon : publisherId.indexOf('.');
  const host = i >= 0 ? publisherId.slice(i + 1) : '';
  return host === '' ? null : host;
};

/** `2014-05-1510: 24: 56.335612`, as ceilometer's pasted fixtures mangled the oslo timestamp. */
const MANGLED = /^(\d{4}-\d{2}-\d{2})(\d{2}): (\d{2}): (\d{2}(?:\.\d+)?)$/;

/** A notification timestamp (any of the formats OpenStack sends; naive = UTC) or null. */
export const canonOrNull = (x: unknown): CanonicalTime | null => {
  if (typeof x !== 'string' || x === '') return null;
  const direct = toCanonical(x);
  if (direct !== undefined) return direct;
  const m = MANGLED.exec(x.trim());
  return m ? (toCanonical(`${m[1]} ${m[2]}:${m[3]}:${m[4]}`) ?? null) : null;
};

/**
 * Envelope fields for the events of one message. Id: `os-<message_id>` (the same notification
 * sent to two topics shares it, so it is stored once). Time: the emitter's timestamp, or
 * `observedAt` when it is unreadable. Raw: the body with every credential redacted.
 */
export const osBase = (m: OsloMessage, observedAt: CanonicalTime, payloadHost: string | null): OsBase => {
  const host = publisherHost(m.publisherId) ?? payloadHost ?? (m.publisherId || 'openstack');
  const b: OsBase = { id: `os-${m.messageId}`, at: canonOrNull(m.timestamp) ?? observedAt, observedAt, source: { kind: 'openstack', host } };
  const raw = m.parsed === undefined ? redactText(m.body) : redactParsed(m.body, m.parsed.outer, m.parsed.inner);
  const bytes = new TextEncoder().encode(raw).length;
  if (bytes <= RAW_INLINE_LIMIT) b.raw = raw;
  else {
    // Too large to keep inline: its request id stays, so `berth events --request-id` still finds it.
    const rid = m.context['request_id'] ?? m.context['global_request_id'];
    b.rawRef = { bytes, hash: stableHash(raw), ...(typeof rid === 'string' && rid !== '' && rid.length <= 256 ? { requestId: rid } : {}) };
  }
  return b;
};

/** The i-th event of one message (bulk creates): the first keeps the message's id. */
export const nth = (b: OsBase, i: number): OsBase => (i === 0 ? b : { ...b, id: `${b.id}/${i}` });

export const unrecognized = (b: OsBase, reason: string, sourceType: string, subject: SubjectRef): OpsEvent => ({
  ...b, type: 'Unrecognized', v: 1, subject, data: { reason, sourceType },
});

/** A known notification berth keeps for audit but does not model. */
export const notified = (b: OsBase, m: OsloMessage, subject: SubjectRef, entityId: string | null): OpsEvent => ({
  ...b, type: 'OpenStackNotified', v: 1, subject,
  data: { eventType: m.eventType, publisherId: m.publisherId, priority: m.priority, entityId },
});

/** Subject for messages about no modelled entity: the publishing service. */
export const serviceSubject = (m: OsloMessage): SubjectRef => ({ kind: 'service', id: m.publisherId || 'openstack' });
