/** Every colour of the console, in one place. Without colour (NO_COLOR, FORCE_COLOR=0) the gutter marks still show the cursor and marks. */
export const theme = {
  accent: 'cyan',
  dim: 'gray',
  header: 'cyan',
  live: 'green',
  stale: 'yellow',
  failed: 'red',
  past: 'magenta',
  flash: 'yellow',
  error: 'red',
  cursorMark: '›',
  rowMark: '*',
} as const;

const GOOD = /^(running|active|ready|healthy|up|true|reachable|[A-Z]+_COMPLETE|CREATE_COMPLETE)$/;
const BAD = /(error|fail|dead|unhealthy|oom|unreachable|false|exited \(([1-9]|\d{2,})\))/i;
const BUSY = /(IN_PROGRESS|restarting|starting|building|paused|spawning|deleting|creating)/i;

/** The colour of a state-like cell, or undefined for plain text. */
export const stateColor = (cell: string): string | undefined => {
  if (GOOD.test(cell)) return 'green';
  if (BAD.test(cell)) return 'red';
  if (BUSY.test(cell)) return 'yellow';
  return undefined;
};
