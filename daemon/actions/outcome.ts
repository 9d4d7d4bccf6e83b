/** What an engine or Nova made of an action: done (with what it said), or not (its error, verbatim). */
export type EngineOutcome =
  | Readonly<{ ok: true; detail: string | null }>
  | Readonly<{ ok: false; error: string; status: number | null }>;

/**
 * The error text of an API reply body: Docker's `{"message"}`, Nova's `{"conflictingRequest":
 * {"message"}}` (one key naming the fault), else the body itself, trimmed.
 */
export const apiMessage = (body: string): string => {
  try {
    const v = JSON.parse(body) as unknown;
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o['message'] === 'string') return o['message'];
      const inner = Object.values(o)[0] as Record<string, unknown> | undefined;
      if (Object.keys(o).length === 1 && inner !== null && typeof inner === 'object' && typeof inner['message'] === 'string') return inner['message'];
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): the trimmed text is the best message there is.
  }
  return body.trim().slice(0, 500) || '(no message)';
};
