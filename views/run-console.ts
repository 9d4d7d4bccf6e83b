import { render } from 'ink';
import { createElement } from 'react';
import type { QueryClient } from '../events/read-model.js';
import { App } from './app.js';
import type { AppProps } from './app.js';
import { QueryClientProvider } from './query-context.js';

const LEAVE_ALT_SCREEN = '\x1b[?1049l\x1b[?25h';

/**
 * Renders the console on the terminal's alternate screen until it quits. The screen is given back
 * on every way out: `q`, a signal, or a crash (the exit hook writes the restore sequence even when
 * Ink could not unmount).
 */
export const runConsole = async (client: QueryClient, props: AppProps): Promise<void> => {
  let done = false;
  const restore = (): void => {
    if (!done) process.stdout.write(LEAVE_ALT_SCREEN);
  };
  process.once('exit', restore);
  const app = render(createElement(QueryClientProvider, { client, children: createElement(App, props) }), {
    alternateScreen: true, exitOnCtrlC: false, patchConsole: true, maxFps: 30,
  });
  try {
    await app.waitUntilExit();
  } finally {
    app.cleanup();
    done = true;
    process.removeListener('exit', restore);
  }
};
