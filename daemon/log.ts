/** The daemon's log: one line per message on stderr, `time level text`, or JSON Lines with BERTH_LOG_FORMAT=json. */
export type Logger = Readonly<{
  info: (msg: string, fields?: Record<string, unknown>) => void;
  warn: (msg: string, fields?: Record<string, unknown>) => void;
  error: (msg: string, fields?: Record<string, unknown>) => void;
  /** What the daemon sees, for the operator watching the terminal (stdout). */
  event: (line: string) => void;
}>;

// Names, labels and engine messages are untrusted: never let their control characters reach a terminal.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const clean = (s: string): string => s.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

export const createLogger = (opts: Readonly<{ json?: boolean; quiet?: boolean }> = {}): Logger => {
  const write = (level: string, msg: string, fields?: Record<string, unknown>): void => {
    if (opts.json) {
      process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }) + '\n');
      return;
    }
    const extra = fields && Object.keys(fields).length > 0 ? ' ' + JSON.stringify(fields) : '';
    process.stderr.write(`${new Date().toISOString()} ${level.padEnd(5)} ${clean(msg)}${clean(extra)}\n`);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    event: (line) => {
      if (!opts.quiet) console.log(clean(line));
    },
  };
};
