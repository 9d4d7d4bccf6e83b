import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { consoleTables, safe } from '../../cli/console/tables.js';
import { App } from '../../views/app.js';
import type { AppProps } from '../../views/app.js';
import { DEFAULT_KEYMAP } from '../../views/keymap.js';
import { QueryClientProvider } from '../../views/query-context.js';
import type { QueryClient } from '../../events/read-model.js';

/** Key sequences as a terminal sends them. */
export const KEY = { enter: '\r', esc: '\x1b', up: '\x1b[A', down: '\x1b[B', left: '\x1b[D', right: '\x1b[C', pgdn: '\x1b[6~', backspace: '\x7f', tab: '\t' } as const;

const tick = (ms = 40): Promise<void> => new Promise((r) => setTimeout(r, ms));

export type Console = Readonly<{
  frame: () => string;
  /** Types keys, one write each (as a person types), and waits for the frame. */
  press: (...keys: string[]) => Promise<string>;
  /** Writes one burst (as a paste or tmux sends it). */
  burst: (text: string) => Promise<string>;
  settle: () => Promise<string>;
  /** The frame once it matches (async reads: history, the past), or the last frame after `ms`. */
  until: (re: RegExp, ms?: number) => Promise<string>;
  frames: () => readonly string[];
  unmount: () => void;
}>;

/** The real App on a fake terminal of `size`, over `client`, with the real tables and keymap. */
export const renderConsole = async (client: QueryClient, props: Partial<AppProps> = {}): Promise<Console> => {
  const app = render(createElement(QueryClientProvider, {
    client,
    children: createElement(App, {
      tables: consoleTables(), keymap: DEFAULT_KEYMAP, readOnly: false, initialView: 'containers', safe,
      size: { columns: 100, rows: 20 }, now: () => Date.UTC(2026, 10, 23, 12, 0, 0), ...props,
    }),
  }));
  // A real terminal has rows; without them Ink asks `tput` (a child process) for the size on every frame.
  Object.defineProperty(app.stdout, 'rows', { value: props.size?.rows ?? 20 });
  const frame = (): string => app.lastFrame() ?? '';
  await tick();
  return {
    frame,
    press: async (...keys) => {
      for (const k of keys) {
        // Ink holds a lone Esc 20 ms (it may start a sequence) and renders later on a busy machine:
        // wait for the frame to change (or 400 ms for a key that changes nothing), then let it settle.
        const before = frame();
        app.stdin.write(k);
        const end = Date.now() + 400;
        while (frame() === before && Date.now() < end) await tick(10);
        await tick(20);
      }
      return frame();
    },
    burst: async (text) => {
      app.stdin.write(text);
      await tick();
      return frame();
    },
    settle: async () => {
      await tick();
      return frame();
    },
    until: async (re, ms = 5000) => {
      const end = Date.now() + ms;
      while (!re.test(frame()) && Date.now() < end) await tick(20);
      return frame();
    },
    frames: () => app.frames,
    unmount: () => app.unmount(),
  };
};
