import { toEpochMs } from '../../events/time.js';
import type { CanonicalTime } from '../../events/time.js';

/** `4s`, `12m`, `3h`, `2d`: how long ago, the way k9s shows ages. */
export const ago = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
};

/** A step or span as words: `10s`, `1m`, `6h`, `1d`. */
export const spanText = (ms: number): string => (ms % 86_400_000 === 0 ? `${ms / 86_400_000}d` : ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`);

/** Lag as operators read it: `12ms`, `1.4s`, `3m`; unknown as `?`. */
export const lagText = (ms: number | null): string => (ms === null ? '?' : ms < 1000 ? `${Math.round(ms)}ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : ago(ms));

/** A canonical time to the second, readable: `2026-11-23 03:12:00Z`. */
export const whenText = (t: CanonicalTime): string => `${t.slice(0, 10)} ${t.slice(11, 19)}Z`;

/** Epoch ms to the same form. */
export const whenMs = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + 'Z';

/** Milliseconds of a canonical time. */
export const msOf = (t: CanonicalTime): number => toEpochMs(t);
