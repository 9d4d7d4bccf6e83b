import type { Recorded } from './envelope.js';
import type { OpsEvent, OpsEventType } from './ops-event.js';
import { EVENT_VERSIONS } from './ops-event.js';
import { envelopeProblem } from './envelope-check.js';

/** Result of reading one stored record: the event, or why it was skipped (counted, never thrown). */
export type ParseResult = { ok: true; event: Recorded<OpsEvent> } | { ok: false; reason: string };

const isKnownType = (t: string): t is OpsEventType => Object.hasOwn(EVENT_VERSIONS, t);

/**
 * Reads a record back from the stream (the read edge). Unknown types or versions from a newer
 * writer, and anything malformed, come back as `{ok: false}` so that readers count and skip them.
 */
export const parseRecord = (text: string, seq: number): ParseResult => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: `seq ${seq}: not JSON` };
  }
  const problem = envelopeProblem(json);
  if (problem !== null) return { ok: false, reason: `seq ${seq}: not an event record (${problem})` };
  const { type, v } = json as { type: string; v: number };
  if (!isKnownType(type)) return { ok: false, reason: `seq ${seq}: unknown event type '${type}'` };
  if (EVENT_VERSIONS[type] !== v) return { ok: false, reason: `seq ${seq}: ${type} v${v} is not a version this berth reads (v${EVENT_VERSIONS[type]})` };
  return { ok: true, event: { ...(json as OpsEvent), seq } };
};
