// The fast entry of the read commands (see oclif-lite.ts): bundled into dist/cli/fast.cjs with
// '@oclif/core' pointing at oclif-lite, and loaded by bin/run.js for the ids below.
import { setFlagsFromString } from 'node:v8';
import Containers from '../commands/containers.js';
import Hosts from '../commands/hosts.js';
import Vms from '../commands/vms.js';
import { setOclifLoader, StepAside } from './oclif-lite.js';

type Runnable = { id: string | undefined; _run: () => Promise<unknown> };
type Oclif = Parameters<typeof setOclifLoader>[0] extends () => infer O ? O & { handle: (err: unknown) => Promise<void> } : never;

/** V8's own counts, ten times over (see runFast). */
const TURBOFAN_LATER = '--invocation-count-for-turbofan=30000 --invocation-count-for-osr=8000';
const TURBOFAN_DEFAULT = '--invocation-count-for-turbofan=3000 --invocation-count-for-osr=800';

/**
 * Puts back V8's own counts. bin/run.js calls it before it makes its code cache: V8 stamps a code
 * cache with the flags changed from their defaults when it is made, and refuses it in a process
 * whose flags differ, so a cache made with the counts runFast set was refused by every next start.
 */
export const restoreV8Flags = (): void => {
  setFlagsFromString(TURBOFAN_DEFAULT);
};

/** Command ids (aliases included) this entry runs; bin/run.js keeps the same list. */
export const FAST_COMMANDS: Readonly<Record<string, unknown>> = { vms: Vms, ps: Containers, containers: Containers, hosts: Hosts };

/**
 * Runs `berth <argv>` when argv[0] is one of FAST_COMMANDS and its flags are ones the lite parser
 * reads as oclif would; resolves false (before anything ran) when oclif must answer instead.
 * Errors are printed and turned into exit codes by oclif's own handler.
 */
export const runFast = async (argv: readonly string[], loadOclif: () => Oclif): Promise<boolean> => {
  const id = argv[0] as string;
  const Cls = Object.hasOwn(FAST_COMMANDS, id) ? (FAST_COMMANDS[id] as new (argv: string[], config: unknown) => Runnable) : undefined;
  if (Cls === undefined) return false;
  // V8 hands a function to its optimising compiler (TurboFan, on a background thread) after a few
  // thousand calls or loop turns. In a read command that is the NATS client's protocol parser:
  // one huge switch, compiled twice (once on stack) for 100-200 ms of CPU, for a process that
  // ends a few ms later. Ten times the counts: a cold `berth vms -o json` of 100 VMs does not
  // optimise anything (35 ms less CPU here), while a long read (thousands of entities, --at,
  // --watch) still gets its hot code optimised, a little later.
  setFlagsFromString(TURBOFAN_LATER);
  setOclifLoader(loadOclif);
  const cmd = new Cls(argv.slice(1), { bin: 'berth' });
  cmd.id = id === 'ps' ? 'containers' : id;
  try {
    await cmd._run();
  } catch (err) {
    if (err instanceof StepAside) return false;
    await loadOclif().handle(err);
  }
  return true;
};

// As oclif does when its Command module loads: a reader that closed the pipe (`berth ps | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') return;
  throw err;
});
