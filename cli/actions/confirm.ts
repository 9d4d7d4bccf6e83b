import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';

/**
 * Asks `question` on `output` and reads one line from `input`: true only for y or yes (any case).
 * End of input (Ctrl-D) is a no.
 */
export const confirm = async (question: string, input: Readable, output: Writable): Promise<boolean> => {
  const rl = createInterface({ input, output, terminal: false });
  try {
    const ended = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
    const answer = await Promise.race([rl.question(question), ended]);
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
};
