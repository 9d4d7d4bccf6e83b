import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import type pinoModule from 'pino';
import type { Logger as PinoLogger } from 'pino';
import { maskSecrets } from '../events/mask-url.js';

/** The daemon's log: one line per message on stderr, `time level text`, or JSON Lines (pino) with `--log-format json`. */
export type Logger = Readonly<{
  info: (msg: string, fields?: Record<string, unknown>) => void;
  warn: (msg: string, fields?: Record<string, unknown>) => void;
  error: (msg: string, fields?: Record<string, unknown>) => void;
  /** What the daemon sees, for the operator watching the terminal (stdout); a function is called only when it is printed (not with --quiet). */
  event: (line: string | (() => string)) => void;
}>;

/** pino's levels, quietest last; `silent` logs nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LoggerOptions = Readonly<{
  json?: boolean;
  /** Do not print each recorded event on stdout. */
  quiet?: boolean;
  /** Messages below this level are dropped (default info). */
  level?: LogLevel;
  /** Values never to be written (NATS password, token, broker password): replaced by `***`. URLs are masked anyway. */
  secrets?: readonly (string | undefined)[];
  /** Where lines go (default stderr); tests pass their own. */
  sink?: (line: string) => void;
}>;

/** A `Logger` that also has `debug`, for the composition root. */
export type DaemonLogger = Logger & Readonly<{ debug: (msg: string, fields?: Record<string, unknown>) => void }>;

// Names, labels and engine messages are untrusted: never let their control characters reach a terminal
// (tab, newline and U+2028/9 too: a name could forge columns or a log line of its own). One record is one line.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// \x1b for C0 and C1, \u202e beyond (as the CLI spells them: `\x202e` read as `\x20` and `2e`).
const clean = (s: string): string => s.replace(CONTROL, (c) => {
  const n = c.charCodeAt(0);
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
});
// JSON escapes C0 already; C1 and bidi controls pass through it, so spell them as \u escapes (the value is unchanged).
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const jsonSafe = (line: string): string => line.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Masks every string in a field tree (depth-limited: fields are small, but never trust their shape). */
const maskDeep = (v: unknown, secrets: readonly (string | undefined)[], depth = 0): unknown => {
  if (typeof v === 'string') return maskSecrets(v, secrets);
  if (depth > 6 || v === null || typeof v !== 'object') return v;
  if (v instanceof Error) return { type: v.name, message: maskSecrets(v.message, secrets) };
  if (Array.isArray(v)) return v.map((x) => maskDeep(x, secrets, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskDeep(x, secrets, depth + 1)]));
};

const TEXT_SKIP = new Set(['time', 'level', 'msg', 'pid', 'hostname']);

/** pino's JSON line as the human form: `time level text {fields}`. */
const textLine = (json: string): string => {
  const o = JSON.parse(json) as Record<string, unknown>;
  const rest = Object.fromEntries(Object.entries(o).filter(([k]) => !TEXT_SKIP.has(k)));
  const extra = Object.keys(rest).length > 0 ? ' ' + JSON.stringify(rest) : '';
  return `${String(o['time'])} ${String(o['level']).padEnd(5)} ${clean(String(o['msg'] ?? ''))}${clean(extra)}\n`;
};

// Loaded on first use, not at import: every CLI command imports daemon/main.ts, and only the daemon logs.
const loadPino = (): typeof pinoModule => createRequire(import.meta.url)('pino') as typeof pinoModule;

const pinoFor = (opts: LoggerOptions): PinoLogger => {
  const pino = loadPino();
  const sink = opts.sink ?? ((line: string) => process.stderr.write(line));
  const write = opts.json ? (s: string) => sink(jsonSafe(s)) : (s: string) => sink(textLine(s));
  return pino(
    {
      level: opts.level ?? 'info',
      base: opts.json ? { pid: process.pid, hostname: hostname() } : {},
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    { write },
  );
};

/**
 * The daemon's logger (pino): levels, JSON Lines or human text on stderr, every URL's password and
 * every configured secret masked in the message and the fields. `event` prints what the daemon sees
 * on stdout unless `quiet`.
 */
export const createLogger = (opts: LoggerOptions = {}): DaemonLogger => {
  const p = pinoFor(opts);
  const secrets = opts.secrets ?? [];
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (msg: string, fields?: Record<string, unknown>): void => {
    if (!p.isLevelEnabled(level)) return;
    const text = maskSecrets(msg, secrets);
    if (fields === undefined) p[level](text);
    else p[level](maskDeep(fields, secrets) as Record<string, unknown>, text);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    event: (line) => {
      if (!opts.quiet) console.log(clean(maskSecrets(typeof line === 'function' ? line() : line, secrets)));
    },
  };
};
