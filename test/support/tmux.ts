import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { eventually } from './daemon-harness.js';

const exec = promisify(execFile);

export type Tmux = ReturnType<typeof tmux>;

/** One tmux server of our own (its own socket), so nothing here touches anybody else's sessions; the session is `tui`. */
export const tmux = (socket: string) => {
  const run = async (...args: string[]): Promise<string> => (await exec('tmux', ['-L', socket, ...args])).stdout;
  return {
    run,
    pane: (): Promise<string> => run('capture-pane', '-p', '-t', 'tui'),
    keys: (...keys: string[]): Promise<string> => run('send-keys', '-t', 'tui', ...keys),
    /** Types text literally (`-l`: no key-name lookup), as a person would. */
    type: (text: string): Promise<string> => run('send-keys', '-t', 'tui', '-l', text),
    kill: (): Promise<void> => run('kill-server').then(() => undefined, () => undefined),
  };
};

/** The pane once it matches; on timeout the error carries the last pane seen, to read what a person would have seen. */
export const paneUntil = async (what: string, pane: () => Promise<string>, re: RegExp, ms = 45_000): Promise<string> => {
  let last = '';
  try {
    return await eventually(what, async () => {
      last = await pane();
      return re.test(last) ? last : undefined;
    }, ms);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- pane ---\n${last}`, { cause: err });
  }
};
