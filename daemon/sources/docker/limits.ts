import type { ContainerSnapshot } from '../../../events/container.js';

/** Labels kept per container, in bytes of keys and values; a hostile label set must not make a record too large to store. */
export const MAX_LABEL_BYTES = 128 * 1024;

/** Drops labels past the budget (sorted by key, so the result is stable) and says so in `berth.labels-truncated`. */
export const capLabels = (c: ContainerSnapshot): ContainerSnapshot => {
  let total = 0;
  const kept: Record<string, string> = {};
  const keys = Object.keys(c.labels).sort();
  let dropped = 0;
  for (const k of keys) {
    const v = c.labels[k] ?? '';
    total += k.length + v.length;
    if (total > MAX_LABEL_BYTES) dropped += 1;
    else kept[k] = v;
  }
  if (dropped === 0) return c;
  kept['berth.labels-truncated'] = `${dropped} of ${keys.length} labels dropped (over ${MAX_LABEL_BYTES} bytes)`;
  return { ...c, labels: kept };
};
