// Progress of a long read (audit verify, replay) on stderr: a line every PROGRESS_MS, none for a
// read shorter than that. Lines, not a redrawn one: stderr is often a log or a pipe.

/** Progress goes out at most this often, and only once a read has taken this long. */
export const PROGRESS_MS = 2000;

/**
 * A function to call as a read goes (with how far it is and how far it goes); it writes
 * `line(done, total, seconds)` when PROGRESS_MS passed since the start or the last line.
 */
export const progressEvery = (
  line: (done: number, total: number, seconds: number) => string,
  write: (text: string) => void = (text) => void process.stderr.write(text),
  clock: () => number = Date.now,
): ((done: number, total: number) => void) => {
  const started = clock();
  let last = started;
  return (done, total) => {
    const now = clock();
    if (now - last < PROGRESS_MS) return;
    last = now;
    write(`${line(done, total, Math.round((now - started) / 1000))}\n`);
  };
};

/** A count as people read it: 1,000,000. */
export const count = (n: number): string => n.toLocaleString('en-US');
