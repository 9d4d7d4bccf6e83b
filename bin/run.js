#!/bin/sh
':' //; r=$0; [ -L "$r" ] && r=$(readlink -f -- "$r" 2>/dev/null || echo "$r"); case $r in /*) ;; *) r=./$r;; esac; d=${r%/bin/*}; case $1:${GLIBC_TUNABLES-} in daemon:) export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX-2}" MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_-131072}";; esac; for n in "$d/node_modules/node/bin/node" "${d%/node_modules/*}/node_modules/node/bin/node"; do [ -x "$n" ] && exec "$n" "$r" "$@"; done; exec node "$r" "$@"
// Started as a program (npx berth, npm scripts, ./bin/run.js), the line above is shell: it runs
// this file with the Node pinned in node_modules (the `node` devDependency of a checkout, or one
// installed beside the package: 'npm install node@22') if there is one, else with `node` from the
// PATH, without starting that one first (a Node hop costs a whole Node start-up). For JavaScript
// it is a string and a comment.
// For `berth daemon` it also sets glibc's malloc (unless the environment already does, or sets
// GLIBC_TUNABLES): at most two arenas (each thread that mallocs, V8's compiler and GC workers and
// libuv's pool, would get its own, and what it frees mid-arena stays resident), and the mmap
// threshold pinned at its default 128 KB (freeing a big mmapped buffer, a snapshot's bytes, would
// raise it and the trim threshold to twice that, and the main heap then kept that much free memory).
// A daemon restored from the bench's 105k-entity snapshot settled 22 MB lower with both (185 -> 163 MB).
// berth needs Node 22+. When started by an older node anyway (`node bin/run.js` with Node 20),
// hand over to the pinned Node if present.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, release } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Command ids dist/cli/fast.cjs runs (its FAST_COMMANDS). */
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
  // A reader that closed the pipe (`berth events | head`, `events --follow | grep -m1`) ends the
  // command, as SIGPIPE ends a C program, with its status (141): Node ignores SIGPIPE, oclif swallows
  // the EPIPE, and the command went on writing into nothing (a follower forever; a read waited for a
  // 'drain' that never came and ended with exit 13). Not 0: the command did not finish (`audit verify
  // | head` has not verified), which `set -o pipefail` should see. Not the daemon: its stdout may be
  // a journal that restarts.
  if (process.argv[2] !== 'daemon') {
    process.stdout.on('error', (err) => {
      if (err.code === 'EPIPE') process.exit(141);
    });
  }
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
  // The read commands without oclif (dist/cli/fast.cjs, cli/fast/): it steps aside, before anything
  // runs, for whatever oclif might answer differently (help, an unknown flag, ...), and oclif starts
  // over. Not under DEBUG (oclif's debug lines) nor BERTH_CONTENT_TYPE (oclif's JSON switch);
  // BERTH_FAST_CLI=0 turns it off.
  const argv = process.argv.slice(2);
  if (FAST_COMMANDS.has(argv[0]) && !process.env.DEBUG && process.env.BERTH_CONTENT_TYPE === undefined && process.env.BERTH_FAST_CLI !== '0') {
    const fast = await loadFast(argv[0]);
    if (await fast.exports.runFast(argv, loadOclif)) {
      fast.keepCodeCache();
      return endNow();
    }
  }
  await loadOclif().execute({ dir: import.meta.url });
}

/**
 * Loads dist/cli/fast.cjs (a CommonJS file) with a V8 code cache of berth's own for command `id`:
 * the bytecode of every function the command ran, made once the command is done (Node's compile
 * cache is made when a module is compiled, before its functions run, so each process compiled
 * most of the NATS client again; this one cost a cold `berth ps` about 15 ms of CPU here). The
 * cache is made when there is none or V8 refused it (another build, Node or flags), only after a
 * command that succeeded, and kept under the cache directory (as the completion candidates,
 * BERTH_CACHE_DIR, else XDG_CACHE_HOME/berth, else ~/.cache/berth) in code/, named after the
 * command, the build (dist/cli/fast.cjs.sha256) and Node. A cache is bytecode that will run, so one
 * is used only from a folder and file of this user that no one else may write, and V8 checks its
 * checksum (a damaged file is refused and made again). Not on Windows. Nothing about the cache can
 * make a command fail: without one, the file is compiled as any other.
 */
async function loadFast(id) {
  const vm = await import('node:vm');
  const file = fileURLToPath(new URL('../dist/cli/fast.cjs', import.meta.url));
  // ASCII only (scripts/bundle-cli.js checks it), so read as Latin-1: a copy instead of UTF-8 decoding.
  const source = readFileSync(file, 'latin1');
  const cache = codeCacheOf(id, file);
  let cachedData;
  if (cache !== undefined) {
    try {
      if (ownedAndPrivate(cache.dir) && ownedAndPrivate(cache.file)) cachedData = readFileSync(cache.file);
    } catch {}
    (await import('node:v8')).setFlagsFromString('--verify-snapshot-checksum');
  }
  // The wrapper Node gives a CommonJS module, on the file's first line (stack traces keep their lines).
  // No import() callback: the build turned the file's import()s into require()s.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    keepCodeCache: () => {
      if (cache === undefined || (cachedData !== undefined && !script.cachedDataRejected) || process.exitCode) return;
      try {
        module.exports.restoreV8Flags();
        mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
        const tmp = `${cache.file}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        renameSync(tmp, cache.file);
        // Caches of this command for other builds or Nodes are of no more use.
        for (const f of readdirSync(cache.dir)) if (f.startsWith(`${id}-`) && f.endsWith('.v8') && join(cache.dir, f) !== cache.file) unlinkSync(join(cache.dir, f));
      } catch {}
    },
  };
}

/** Where the code cache of command `id` for this build and Node is, or undefined when there is none to be had. */
function codeCacheOf(id, file) {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return undefined;
  let build;
  try {
    build = readFileSync(`${file}.sha256`, 'utf8').trim().slice(0, 16);
  } catch {
    return undefined;
  }
  if (!/^[0-9a-f]{16}$/.test(build)) return undefined;
  // cacheDir() of cli/context/paths.ts, which is inside the file this cache is for (so not loadable
  // before it): an empty variable counts as unset, there and in the completion scripts too.
  const env = process.env;
  let base;
  try {
    base = env.BERTH_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'berth');
  } catch {
    return undefined; // no home folder (a user without a passwd entry): no cache
  }
  const dir = join(base, 'code');
  return { dir, file: join(dir, `${id}-${build}-${process.version}-${process.arch}.v8`) };
}

/** True when `path` belongs to this user and neither its group nor others may write it. */
function ownedAndPrivate(path) {
  const st = statSync(path);
  return st.uid === process.getuid() && (st.mode & 0o022) === 0;
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
