import { DaemonUnreachableError, NotFoundError, BerthError } from '../../events/errors.js';
import type { ModelView, QueryClient, ReadModelState } from '../../events/read-model.js';
import type { CanonicalTime } from '../../events/time.js';
import type { ConsoleData } from '../../views/tables.js';

/** A problem the console would show, as the error a one-shot command exits with (3 unreachable, 4 no model). */
const errorOf = (s: Extract<ReadModelState, { status: 'failed' }>): BerthError => {
  const { code, message, hint } = s.problem;
  if (code === 'nats-unreachable' || code === 'nats-lost') return new DaemonUnreachableError(message, { hint });
  if (code === 'no-model') return new NotFoundError(message, { hint });
  return new BerthError('E_UNREACHABLE', message, { hint });
};

/**
 * The first complete model a client shows (live or stale), for one-shot output when stdout is not
 * a terminal: waits up to `timeoutMs`, and turns a failure into the error the list commands give.
 */
export const firstData = (client: QueryClient, at: CanonicalTime | null, timeoutMs = 15_000): Promise<ConsoleData> =>
  new Promise((resolve, reject) => {
    let off = (): void => undefined;
    const timer = setTimeout(() => {
      off();
      const s = client.getSnapshot();
      reject(s.status === 'failed' ? errorOf(s) : new DaemonUnreachableError(`No model arrived within ${timeoutMs / 1000}s.`, { hint: 'Check NATS and the daemon, then try again.' }));
    }, timeoutMs);
    const check = (): void => {
      const s = client.getSnapshot();
      // One shot: a failure is the answer (as `berth ps` gives it), not something to wait out.
      if (s.status === 'failed') {
        clearTimeout(timer);
        off();
        reject(errorOf(s));
        return;
      }
      if (s.status !== 'live' && s.status !== 'stale') return;
      off();
      clearTimeout(timer);
      // The tail is read beside the model and may come later (`berth top events | cat` printed only
      // the header): waited for, up to 5 s (a tail that cannot be read leaves the model to show).
      const loaded = client.tailLoaded?.() ?? Promise.resolve();
      let wait: NodeJS.Timeout | undefined;
      void Promise.race([loaded, new Promise<void>((r) => { wait = setTimeout(r, 5000); })]).then(() => {
        clearTimeout(wait);
        const now = client.getSnapshot();
        const cur = now.status === 'live' || now.status === 'stale' ? now : s;
        if (at === null) resolve({ model: cur.model, tail: cur.tail });
        else client.modelAt(at).then((p) => resolve({ model: p.model as ModelView, tail: p.tail }), reject);
      });
    };
    off = client.subscribe(check);
    check();
  });
