// What the read commands take from @oclif/core (Flags, Command), without oclif: the fast entry
// (cli/fast/main.ts, bundled by scripts/bundle-cli.js with '@oclif/core' pointing here) runs
// `berth vms`, `ps` and `hosts` without loading oclif, its configuration and its plugins, which is
// most of a cold read command's CPU. It does what oclif does on the common path only: its flag
// parser takes `--flag value`, `--flag=value`, `-f value`, `-fvalue`, `-f=value` and lone booleans,
// and anything else (an unknown flag, an argument, `--`, a value that looks like a flag, a flag given
// twice, a value outside `options`, --help) makes it step aside before anything runs: bin/run.js
// then hands the same argv to oclif, which answers as always. Errors go through oclif's own
// (loaded only then), so messages and exit codes are oclif's.
import { format } from 'node:util';

type FlagDef = Readonly<{ type: 'option' | 'boolean'; char?: string; multiple?: boolean; options?: readonly string[]; default?: unknown; env?: string; unsupported?: string }>;
type Flags = Readonly<Record<string, FlagDef>>;

/** Keys of a flag definition this parser honours (the rest only matter to help). */
const HONOURED = new Set(['char', 'multiple', 'options', 'default', 'env', 'description', 'summary', 'helpGroup', 'hidden']);

const define = (type: FlagDef['type'], opts: Record<string, unknown>): FlagDef => {
  const other = Object.keys(opts).find((k) => !HONOURED.has(k));
  return { ...opts, type, ...(other === undefined && typeof opts['default'] !== 'function' ? {} : { unsupported: other ?? 'default' }) } as FlagDef;
};

export const Flags = {
  string: (opts: Record<string, unknown> = {}): FlagDef => define('option', opts),
  boolean: (opts: Record<string, unknown> = {}): FlagDef => define('boolean', opts),
};

/** Thrown by `parse` when oclif must answer instead (nothing has run yet). */
export class StepAside extends Error {
  constructor(why: string) {
    super(`fast path steps aside: ${why}`);
    this.name = 'StepAside';
  }
}

type Oclif = Readonly<{ Errors: { error: (input: unknown, opts?: unknown) => never; exit: (code?: number) => never; warn: (input: unknown) => void } }>;
let loadOclif: (() => Oclif) | undefined;
/** How to load the real oclif for errors (bin/run.js knows where it is). */
export const setOclifLoader = (load: () => Oclif): void => {
  loadOclif = load;
};
const oclif = (): Oclif => {
  if (loadOclif === undefined) throw new Error('oclif-lite: no oclif loader set');
  return loadOclif();
};

const JSON_FLAG: FlagDef = { type: 'boolean' };

/** The flag an argument names, and the value it carries (`--f=v`, `-fv`, `-f=v`), if any. */
const named = (arg: string, flags: Flags, byChar: ReadonlyMap<string, string>): { name: string; f: FlagDef; inline: string | undefined } => {
  if (!arg.startsWith('-') || arg === '-' || arg === '--') throw new StepAside(`argument '${arg}'`);
  const long = arg.startsWith('--');
  const eq = long ? arg.indexOf('=') : -1;
  const name = long ? arg.slice(2, eq === -1 ? undefined : eq) : byChar.get(arg[1] as string);
  const f = name === undefined ? undefined : flags[name];
  if (name === undefined || f === undefined) throw new StepAside(`flag '${arg}'`);
  const inline = long ? (eq === -1 ? undefined : arg.slice(eq + 1)) : arg.length < 3 ? undefined : arg.slice(arg[2] === '=' ? 3 : 2);
  if (f.type === 'boolean' && inline !== undefined) throw new StepAside(`boolean '${arg}'`);
  return { name, f, inline };
};

/** The values given on the command line, by flag name (booleans as ['true']). */
const given = (argv: readonly string[], flags: Flags): Map<string, string[]> => {
  const out = new Map<string, string[]>();
  const byChar = new Map(Object.entries(flags).filter(([, f]) => f.char !== undefined).map(([n, f]) => [f.char as string, n]));
  for (let i = 0; i < argv.length; i++) {
    const { name, f, inline } = named(argv[i] as string, flags, byChar);
    if (f.type === 'boolean') {
      out.set(name, ['true']);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || value.startsWith('-')) throw new StepAside(`value of --${name}`);
    if (f.options !== undefined && !f.options.includes(value)) throw new StepAside(`--${name} ${value}`);
    const before = out.get(name);
    if (before !== undefined && !f.multiple) throw new StepAside(`--${name} twice`);
    out.set(name, [...(before ?? []), value]);
  }
  return out;
};

/** A flag's value when the command line does not give it: its variable (if set and not empty), else its default. */
const fallback = (name: string, f: FlagDef, env: NodeJS.ProcessEnv): unknown => {
  const value = f.env === undefined ? undefined : env[f.env];
  if (!value) return f.default;
  if (f.type === 'boolean') throw new StepAside(`boolean --${name} from ${f.env}`);
  if (f.options !== undefined && !f.options.includes(value)) throw new StepAside(`${f.env}=${value}`);
  return f.multiple ? [value] : value;
};

/** The flags oclif's parser would return for `argv`, or StepAside wherever it might answer differently. */
export const parseFlags = (argv: readonly string[], flags: Flags, env: NodeJS.ProcessEnv = process.env): Record<string, unknown> => {
  for (const [name, f] of Object.entries(flags)) if (f.unsupported !== undefined) throw new StepAside(`--${name} uses '${f.unsupported}'`);
  const values = given(argv, flags);
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(flags)) {
    const v = values.get(name);
    const value = v === undefined ? fallback(name, f, env) : f.type === 'boolean' ? true : f.multiple ? v : v.at(-1);
    if (value !== undefined) out[name] = value;
  }
  return out;
};

type CommandClass = { enableJsonFlag?: boolean; flags?: Flags };

/** The parts of oclif's Command the read commands use, the same way round. */
export class Command {
  static enableJsonFlag = false;
  static flags: Flags = {};
  static aliases: string[] = [];
  argv: string[];
  config: unknown;
  id: string | undefined;

  constructor(argv: string[], config: unknown) {
    this.argv = argv;
    this.config = config;
    this.id = undefined;
  }

  get ctor(): CommandClass {
    return this.constructor as CommandClass;
  }

  async parse(options: CommandClass = this.ctor, argv: string[] = this.argv): Promise<{ flags: Record<string, unknown>; args: Record<string, unknown>; argv: string[] }> {
    const flags = options.enableJsonFlag ? { json: JSON_FLAG, ...options.flags } : { ...options.flags };
    return { flags: parseFlags(argv, flags), args: {}, argv: [] };
  }

  jsonEnabled(): boolean {
    if (!this.ctor.enableJsonFlag) return false;
    const dashdash = this.argv.indexOf('--');
    const json = this.argv.indexOf('--json');
    return json !== -1 && (dashdash === -1 || json < dashdash);
  }

  log(message: unknown = '', ...args: unknown[]): void {
    if (this.jsonEnabled()) return;
    process.stdout.write(format(typeof message === 'string' ? message : format('%O', message), ...args) + '\n');
  }

  logJson(json: unknown): void {
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  }

  warn(input: unknown): void {
    oclif().Errors.warn(input);
  }

  error(input: unknown, options: unknown = {}): never {
    return oclif().Errors.error(input, options);
  }

  exit(code = 0): never {
    return oclif().Errors.exit(code);
  }

  toErrorJson(err: unknown): unknown {
    return err instanceof Error ? { error: { ...err, message: err.message, name: err.name } } : { error: err };
  }

  toSuccessJson(result: unknown): unknown {
    return result;
  }

  async init(): Promise<void> {}

  async run(): Promise<unknown> {
    return undefined;
  }

  async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    process.exitCode = process.exitCode ?? err.oclif?.exit ?? err.exitCode ?? 1;
    if (this.jsonEnabled()) this.logJson(this.toErrorJson(err));
    else throw err;
    return undefined;
  }

  /** Called with the error the command ended with, if any (BaseCommand closes its clients here). */
  async finally(err?: Error): Promise<unknown> {
    return err === undefined ? undefined : undefined;
  }

  /** oclif's `_run`, except that a StepAside goes straight up (nothing ran: oclif starts over). */
  async _run(): Promise<unknown> {
    let err: Error | undefined;
    let result: unknown;
    try {
      await this.init();
      result = await this.run();
    } catch (error) {
      if (error instanceof StepAside) throw error;
      err = error as Error;
      await this.catch(err);
    } finally {
      await this.finally(err);
    }
    if (result && this.jsonEnabled()) this.logJson(this.toSuccessJson(result));
    return result;
  }
}
