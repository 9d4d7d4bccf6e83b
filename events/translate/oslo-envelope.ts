import { obj, str } from './json-access.js';

/** An oslo.messaging notification, decoded from either wire format. */
export type OsloMessage = Readonly<{
  messageId: string;
  /** `_unique_id` (differs between copies of one notification sent to two topics), or null. */
  uniqueId: string | null;
  eventType: string;
  /** `compute.<host>`, `nova-compute:<host>`, `network.<host>`, `orchestration.<host>`, `container-infra.<host>`. */
  publisherId: string;
  /** Upper-cased (`INFO`, `ERROR`, `WARN`); old producers sent lower case. */
  priority: string;
  /** The emitter's clock as sent (`2012-05-08 20:23:48.028195`, naive = UTC); parsed by the translator. */
  timestamp: string;
  payload: unknown;
  /** The request context: the `_context_<key>` keys, or the Kafka driver's `_context` object. Untrusted, may hold tokens. */
  context: Readonly<Record<string, unknown>>;
  /** `2.0` for the messagingv2 envelope, `1.0` for the bare form. */
  format: '1.0' | '2.0';
  /** The body exactly as received (unredacted: redact before storing or printing). */
  body: string;
  /**
   * The body as decoded: its JSON object, and the message's (for a 2.0 envelope its parsed
   * `oslo.message`, for 1.0 the same object). Read only: redacting the body (`redactParsed`)
   * starts from these instead of parsing it again.
   */
  parsed?: Readonly<{ outer: Readonly<Record<string, unknown>>; inner: Readonly<Record<string, unknown>> }>;
}>;

export type OsloDecodeResult = { ok: true; message: OsloMessage } | { ok: false; reason: string };

const REQUIRED = ['message_id', 'event_type', 'publisher_id', 'timestamp'] as const;

/**
 * Decodes one notification body (already gunzipped): `{"oslo.version": "2.0", "oslo.message":
 * "<JSON>"}` or the bare 1.0 object. Pure and total: anything else, including an unknown major
 * `oslo.version` (oslo's own `version_is_compatible` rule), comes back as `{ok: false, reason}`.
 */
export const decodeOslo = (body: string): OsloDecodeResult => {
  const outer = parseObject(body);
  // gzip starts with 1f 8b: a body compressed without oslo's `compression` header (or content-encoding) to say so.
  if (outer === undefined) return { ok: false, reason: body.startsWith('\u001f\ufffd') || body.startsWith('\u001f\u008b') ? 'body is not a JSON object: it looks gzipped, but no compression header said so' : 'body is not a JSON object' };
  let inner = outer;
  let format: '1.0' | '2.0' = '1.0';
  if (Object.hasOwn(outer, 'oslo.version') || Object.hasOwn(outer, 'oslo.message')) {
    const v = outer['oslo.version'];
    if (typeof v !== 'string' || v === '') return { ok: false, reason: v === undefined ? "an 'oslo.message' without 'oslo.version'" : `'oslo.version' is ${JSON.stringify(v)?.slice(0, 40)}, not a version string` };
    const version = v;
    if (version.split('.')[0] !== '2') return { ok: false, reason: `unsupported oslo.version '${version}'` };
    const text = outer['oslo.message'];
    if (typeof text !== 'string') return { ok: false, reason: 'oslo.message is not a string' };
    const parsed = parseObject(text);
    if (parsed === undefined) return { ok: false, reason: 'oslo.message is not a JSON object' };
    inner = parsed;
    format = '2.0';
  }
  for (const k of REQUIRED) {
    const v = inner[k];
    if (v === undefined || v === null || v === '') return { ok: false, reason: `missing or empty '${k}'` };
    if (typeof v !== 'string') return { ok: false, reason: `'${k}' is a ${Array.isArray(v) ? 'list' : typeof v}, not a string` };
  }
  if (!Object.hasOwn(inner, 'payload')) return { ok: false, reason: "missing 'payload'" };
  return {
    ok: true,
    message: {
      messageId: str(inner['message_id']),
      uniqueId: typeof inner['_unique_id'] === 'string' ? inner['_unique_id'] : null,
      eventType: str(inner['event_type']),
      publisherId: str(inner['publisher_id']),
      priority: str(inner['priority'], 'INFO').toUpperCase(),
      timestamp: str(inner['timestamp']),
      payload: inner['payload'],
      context: contextOf(inner),
      format,
      body,
      parsed: { outer, inner },
    },
  };
};

const parseObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const j: unknown = JSON.parse(text);
    return j !== null && typeof j === 'object' && !Array.isArray(j) ? (j as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

const contextOf = (m: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...obj(m['_context']) };
  for (const [k, v] of Object.entries(m)) if (k.startsWith('_context_')) out[k.slice('_context_'.length)] = v;
  return out;
};
