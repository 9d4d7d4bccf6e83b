import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExecutionContext } from 'ava';
import { completionScript } from '../../completions/script.js';
import type { Shell } from '../../completions/script.js';
import { treeFromCommands } from '../../completions/tree.js';
import type { OclifCommandLike } from '../../completions/tree.js';
import { completionDir, writeCandidates } from '../../cli/context/completion-cache.js';
import { openContexts } from '../../cli/context/store.js';
import { ROOT } from '../support/daemon-harness.js';
import { tempDir } from '../support/temp-dir.js';

const exec = promisify(execFile);

/** A model view as the CLI loads it, with names a shell must never be handed. */
export const VIEW = {
  containers: new Map<string, unknown>([
    ['a'.repeat(64), { name: 'web-1' }],
    ['b'.repeat(64), { name: 'worker-2' }],
    ['c'.repeat(64), { name: '$(touch /tmp/pwned)' }],
  ]),
  hosts: new Map<string, unknown>([['docker-a', {}]]),
  vms: new Map<string, unknown>([['0b5e9d6a-uuid', { name: 'vm-a', host: 'compute-1' }]]),
};

/**
 * A sandbox for driving the completion scripts: its own config and cache folders, two contexts
 * whose NATS is down (the current one is 'down'), a `berth` on PATH that logs each call and runs
 * the built CLI, and the scripts for the real command tree. The folder is removed when the test ends.
 */
export type Sandbox = Readonly<{ dir: string; env: Record<string, string>; script: (shell: Shell) => string; calls: () => string[]; stale: () => void }>;

export const sandbox = async (t: ExecutionContext): Promise<Sandbox> => {
  const dir = tempDir(t, 'berth-compl');
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const log = join(dir, 'calls.log');
  writeFileSync(join(bin, 'berth'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${process.execPath}' '${join(ROOT, 'bin', 'run.js')}' "$@"\n`);
  chmodSync(join(bin, 'berth'), 0o755);
  const env: Record<string, string> = { PATH: `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}`, HOME: dir, BERTH_CONFIG_DIR: join(dir, 'config'), BERTH_CACHE_DIR: join(dir, 'cache') };
  const db = await openContexts(env);
  await db.update((d) => {
    d.contexts['down'] = { nats: ['nats://127.0.0.1:1'] };
    d.contexts['lab'] = { nats: ['nats://127.0.0.1:1'], prefix: 'lab' };
    d.current = 'down';
  });
  await writeCandidates('default', VIEW, ['container', 'host', 'vm'], env);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as { commands: Record<string, OclifCommandLike> };
  const tree = treeFromCommands('berth', Object.values(manifest.commands));
  const script = (shell: Shell): string => {
    const file = join(dir, `berth.${shell}`);
    writeFileSync(file, completionScript(shell, tree));
    return file;
  };
  return {
    dir, env, script,
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
    stale: () => {
      const old = new Date(Date.now() - 10 * 60_000);
      for (const k of ['container', 'host', 'vm']) utimesSync(join(completionDir('default', env), k), old, old);
    },
  };
};

/** Runs a shell with only the sandbox's environment (nothing from the test's own BERTH_* variables). */
export const runShell = async (sb: Sandbox, cmd: readonly string[], extra: Record<string, string> = {}): Promise<string> =>
  (await exec(cmd[0] as string, cmd.slice(1), { env: { ...sb.env, ...extra }, cwd: sb.dir, timeout: 30_000 })).stdout;

export const hasShell = async (name: string): Promise<boolean> => {
  try {
    await exec('sh', ['-c', `command -v ${name}`]);
    return true;
  } catch {
    return false;
  }
};
