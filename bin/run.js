#!/bin/sh
':' //; r=$0; [ -L "$r" ] && r=$(readlink -f -- "$r" 2>/dev/null || echo "$r"); case $r in /*) ;; *) r=./$r;; esac; d=${r%/bin/*}; for n in "$d/node_modules/node/bin/node" "${d%/node_modules/*}/node_modules/node/bin/node"; do [ -x "$n" ] && exec "$n" "$r" "$@"; done; exec node "$r" "$@"
// Started as a program (npx berth, npm scripts, ./bin/run.js), the line above is shell: it runs
// this file with the Node pinned in node_modules (the `node` devDependency of a checkout, or one
// installed beside the package: 'npm install node@22') if there is one, else with `node` from the
// PATH, without starting that one first (a Node hop costs a whole Node start-up). For JavaScript
// it is a string and a comment.
// berth needs Node 22+. When started by an older node anyway (`node bin/run.js` with Node 20),
// hand over to the pinned Node if present.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { release } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Command ids dist/cli/fast-run/main.js runs (its FAST_COMMANDS). */
const FAST_COMMANDS = new Set(['vms', 'ps', 'containers', 'hosts']);

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  // A checkout has the pinned Node after 'npm ci'; an installed package may find one installed beside it ('npm install node@22').
  const installed = basename(dirname(root)) === 'node_modules';
  const pinned = [join(root, 'node_modules', 'node', 'bin', 'node'), ...(installed ? [join(root, '..', 'node', 'bin', 'node')] : [])].find((p) => existsSync(p));
  if (pinned === undefined) {
    const fix = installed
      ? "Install Node 22 LTS or newer (https://nodejs.org, or your distribution's package), or add it beside berth with 'npm install node@22'."
      : `Run 'npm ci' in ${root} to install the pinned Node, or install Node 22 LTS or newer.`;
    process.stderr.write(`berth needs Node 22 or newer; this is Node ${process.versions.node} (${process.execPath}). ${fix}\n`);
    process.exit(1);
  }
  // Loaded here only: node:child_process brings 37 of Node's internal modules with it.
  const { spawn } = await import('node:child_process');
  const child = spawn(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
} else {
  // Node keeps the compiled code of every module it loads (under the system's temp directory, or
  // NODE_COMPILE_CACHE) and reuses it on the next start: about 30 ms less per command.
  (await import('node:module')).enableCompileCache?.();
  const argv = process.argv.slice(2);
  // `berth --version` as oclif prints it (`<name>/<version> <platform>-<arch> node-<version>`, only
  // when it is the first argument), without loading oclif: about two thirds of its cold start. Left
  // to oclif where its answer could differ: under DEBUG, and on what may be WSL (platform 'wsl').
  if (argv[0] === '--version' && !process.env.DEBUG && !maybeWsl()) {
    const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const arch = process.arch === 'ia32' ? 'x86' : process.arch;
    process.stdout.write(`${pjson.name}/${pjson.version || '0.0.0'} ${process.platform}-${arch} node-${process.version}\n`);
    endNow();
  } else await main();
}

/**
 * Ends the process as soon as a fast command (or --version) is done. Left to end when its event loop empties,
 * Node first tears down its heap and threads: about 15 ms of CPU of a cold `berth vms` (from the
 * 'exit' event to the end), which process.exit skips. Not while stdout or stderr still hold output
 * (pipes are asynchronous on macOS): then it ends as before. The exit code is process.exitCode either way.
 */
function endNow() {
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
}

/** What oclif's platform check (is-wsl) looks at first: a Linux kernel built by Microsoft, or WSL's interop files. */
function maybeWsl() {
  if (process.platform !== 'linux') return false;
  let version = '';
  try {
    version = readFileSync('/proc/version', 'utf8').toLowerCase();
  } catch {}
  return release().toLowerCase().includes('microsoft') || version.includes('microsoft') || existsSync('/proc/sys/fs/binfmt_misc/WSLInterop') || existsSync('/run/WSL');
}

async function main() {
  // oclif wraps messages at 80 columns when not on a terminal; scripts and logs want whole lines.
  if (!process.stderr.isTTY && process.env.OCLIF_COLUMNS === undefined) process.env.OCLIF_COLUMNS = '1000';
  // DEBUG=* would print argv and flags with their secrets: mask them in every debug line.
  if (process.env.DEBUG) (await import('../dist/cli/debug-mask.js')).installDebugMask();
  // The read commands without oclif (dist/cli/fast-run/main.js, cli/fast/): it steps aside, before anything
  // runs, for whatever oclif might answer differently (help, an unknown flag, ...), and oclif starts
  // over. Not under DEBUG (oclif's debug lines) nor BERTH_CONTENT_TYPE (oclif's JSON switch);
  // BERTH_FAST_CLI=0 turns it off.
  const argv = process.argv.slice(2);
  if (FAST_COMMANDS.has(argv[0]) && !process.env.DEBUG && process.env.BERTH_CONTENT_TYPE === undefined && process.env.BERTH_FAST_CLI !== '0') {
    const { runFast } = await import('../dist/cli/fast-run/main.js');
    if (await runFast(argv, loadOclif)) return endNow();
  }
  await loadOclif().execute({ dir: import.meta.url });
}

/**
 * oclif as one file (scripts/bundle-cli.js; the commands require the same one): about half the
 * CPU of loading @oclif/core's hundred modules. The engines check it would make on load parses
 * the semver package (about 30 ms); the Node version was checked above.
 */
function loadOclif() {
  const engineWarning = process.env.OCLIF_DISABLE_ENGINE_WARNING;
  process.env.OCLIF_DISABLE_ENGINE_WARNING = 'true';
  try {
    const oclif = createRequire(import.meta.url)('../dist/cli/oclif.cjs');
    // Under NODE_ENV=development or test (ava sets it) oclif would register tsx and run the
    // commands from their TypeScript sources when a checkout has them: three times the CPU of a
    // command (0.4 -> 1.2 s at load 10), and not the built code that ships. Always the built code.
    oclif.settings.enableAutoTranspile = false;
    return oclif;
  } finally {
    if (engineWarning === undefined) delete process.env.OCLIF_DISABLE_ENGINE_WARNING;
    else process.env.OCLIF_DISABLE_ENGINE_WARNING = engineWarning;
  }
}
