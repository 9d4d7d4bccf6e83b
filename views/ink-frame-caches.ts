// Ink 8 caches, per Output, what it works out from a line of text: its styled characters (the ANSI
// tokenizer's output), its width and its widest line. The renderer makes a new Output every frame,
// so every line on screen was tokenized again every frame, though most lines did not change.
// The console bundle (scripts/ink-frame-caches-plugin.js) hands each new Output's caches to
// `shareAcrossFrames`, which makes every cache map look in the previous frame's map before working a
// value out again. The values are pure functions of their key, and Ink never mutates them (it
// places the character objects into its grid and copies one to blank it), so a value from the last
// frame is the value this frame would compute. Only the last frame's maps are kept: a value is
// carried forward when it is used again, so memory stays about two frames of lines. (Were the
// console to use Ink's <Static>, its Output would come between two frames' and take that place: the
// output would stay the same, the frames would only gain less.)

/** A Map that, on a miss, takes the value from the previous frame's map and keeps it. */
class FrameMap<K, V> extends Map<K, V> {
  private previous: Map<K, V> | undefined;

  constructor(previous: Map<K, V> | undefined) {
    super();
    this.previous = previous;
  }

  override get(key: K): V | undefined {
    const own = super.get(key);
    if (own !== undefined || this.previous === undefined) return own;
    const carried = this.previous.get(key);
    if (carried !== undefined) super.set(key, carried);
    return carried;
  }

  /** Drops the link to the frame before, once a newer frame has taken this one's place. */
  forget(): void {
    this.previous = undefined;
  }
}

/** The newest frame's maps, by the field of OutputCaches that holds them. */
let newest = new Map<string, FrameMap<unknown, unknown>>();

/**
 * Replaces every Map field of `caches` (a fresh OutputCaches of Ink's output.js) by one that looks
 * in the newest earlier OutputCaches' map of the same field first; returns `caches`.
 */
export const shareAcrossFrames = <T extends object>(caches: T): T => {
  const fields = caches as Record<string, unknown>;
  const next = new Map<string, FrameMap<unknown, unknown>>();
  for (const [field, value] of Object.entries(fields)) {
    if (!(value instanceof Map)) continue;
    const map = new FrameMap<unknown, unknown>(newest.get(field));
    fields[field] = map;
    next.set(field, map);
  }
  for (const map of newest.values()) map.forget();
  newest = next;
  return caches;
};
