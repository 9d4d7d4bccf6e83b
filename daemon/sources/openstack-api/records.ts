import { RAW_INLINE_LIMIT } from '../../../events/envelope.js';
import type { SubjectKind } from '../../../events/envelope.js';
import { stableHash } from '../../../events/hash.js';
import type { ApiOrigin } from '../../../events/openstack-api.js';
import type { CanonicalTime } from '../../../events/time.js';
import { redactText } from '../../../events/translate/redact.js';

/** One read of the cloud: its name, when the read began, and whether it is the start-up snapshot. */
export type ApiStamp = Readonly<{ cloud: string; at: CanonicalTime; origin: ApiOrigin }>;

/** What the model held of an entity when it was judged: its time and last event (or `new`). */
export const modelStamp = (had: Readonly<{ updatedAt: string; lastEventId?: string; seq?: number }> | undefined): string =>
  had === undefined ? 'new' : `${had.updatedAt}|${had.lastEventId ?? String(had.seq ?? 0)}`;

/**
 * Envelope of an API event. The id depends only on the cloud, the entity, what the model held
 * and what the API showed: a daemon restarted mid-way (or two reads that see the same) produce the
 * same id, which JetStream stores once; unchanged entities produce no event at all.
 */
export type BaseOf = Readonly<{
  /** Short kind in the id (`vm`, `port`, `vm-gone`...). */
  tag: string;
  subject: Readonly<{ kind: SubjectKind; id: string }>;
  /** The host the entity is on ('' when none: the event is the cloud's). */
  host: string;
  /** `modelStamp` of what the model held. */
  had: string;
  /** What the API showed (its comparable view). */
  content: unknown;
  /** The API's JSON of the entity, kept (redacted) for audit. */
  raw?: unknown;
}>;

export const apiBase = (s: ApiStamp, b: BaseOf) => {
  const { tag, subject, host, had, content, raw } = b;
  const id = `osapi-${tag}-${stableHash(`${s.cloud}|${subject.kind}|${subject.id}|${had}|${stableHash(JSON.stringify(content))}`)}`;
  const base = { id, v: 1 as const, at: s.at, observedAt: s.at, source: { kind: 'openstack' as const, host: host || 'openstack' }, subject };
  return raw === undefined ? base : { ...base, ...rawOf(raw) };
};

/** Keys never kept in raw copies: a server's user data may hold anything (cloud-init passwords, keys). */
const DROPPED = new Set(['OS-EXT-SRV-ATTR:user_data', 'user_data']);

/** The API's own JSON of the entity, credentials redacted, inline when small (else by size and hash). */
const rawOf = (raw: unknown): { raw: string } | { rawRef: { bytes: number; hash: string } } => {
  const kept = raw !== null && typeof raw === 'object' && !Array.isArray(raw)
    ? Object.fromEntries(Object.entries(raw).filter(([k]) => !DROPPED.has(k)))
    : raw;
  const text = redactText(JSON.stringify(kept));
  const bytes = new TextEncoder().encode(text).length;
  return bytes <= RAW_INLINE_LIMIT ? { raw: text } : { rawRef: { bytes, hash: stableHash(text) } };
};
