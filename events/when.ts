import { fromEpochMs, toCanonical } from './time.js';
import type { CanonicalTime } from './time.js';

const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A point in time as operators type it: `now`, a duration ago (`90s`, `10m`, `2h`, `3d`, `1w`,
 * optionally with `-` or ` ago`), an ISO timestamp (naive = UTC), or Unix seconds. `nowMs` is
 * passed in: the core reads no clock. Undefined when it is none of these.
 */
export const parseWhen = (text: string, nowMs: number): CanonicalTime | undefined => {
  const t = text.trim().toLowerCase();
  if (t === 'now') return fromEpochMs(nowMs);
  const rel = /^-?(\d+(?:\.\d+)?)\s*([smhdw])(?:\s+ago)?$/.exec(t);
  // Before 1970 berth holds nothing, and fromEpochMs cannot spell it: none (`99999d`).
  if (rel) {
    const ms = nowMs - Number(rel[1]) * (UNITS[rel[2] as string] as number);
    return ms >= 0 ? fromEpochMs(ms) : undefined;
  }
  if (/^\d{9,11}(\.\d+)?$/.test(t)) return fromEpochMs(Math.round(Number(t) * 1000));
  // Operators leave out seconds, or the whole time of day: `2026-11-23T03:12`, `2026-11-23`.
  const short = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?(.*)$/i.exec(text.trim());
  if (short && (short[2] === undefined || !/^:\d/.test(short[3] ?? ''))) return toCanonical(`${short[1]}T${short[2] ?? '00:00'}:00${short[3] ?? ''}`);
  return toCanonical(text);
};
