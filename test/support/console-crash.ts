// Run by test/views/console-crash.test.ts on a pseudo-terminal: the real console whose data hook
// throws while rendering (a bug), to see that the terminal is given back.
import { consoleTables, safe } from '../../cli/console/tables.js';
import type { QueryClient, ReadModelState } from '../../events/read-model.js';
import { DEFAULT_KEYMAP } from '../../views/keymap.js';
import { runConsole } from '../../views/run-console.js';

// The same object each time, as useSyncExternalStore wants.
const CONNECTING: ReadModelState = { status: 'connecting', target: "NATS at 'nats://nowhere:4222'" };
let calls = 0;
let broken = false;
const listeners = new Set<() => void>();
const client: QueryClient = {
  subscribe: (l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  getSnapshot: (): ReadModelState => {
    calls += 1;
    if (broken) throw new Error(`boom in render (after ${calls} reads)`);
    return CONNECTING;
  },
  history: () => Promise.resolve([]),
  modelAt: () => Promise.reject(new Error('no past here')),
  act: () => Promise.resolve({ ok: false, message: 'no actions here' }),
  close: () => Promise.resolve(),
};
// A first frame on the alternate screen, then a change whose read throws.
setTimeout(() => {
  broken = true;
  for (const l of listeners) l();
}, 1500);
await runConsole(client, { tables: consoleTables(), keymap: DEFAULT_KEYMAP, readOnly: false, initialView: 'containers', initialAt: null, safe });
