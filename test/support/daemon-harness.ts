import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { storeNames } from '../../daemon/store/names.js';

const exec = promisify(execFile);
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NATS_URL = process.env['BERTH_TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';
const BIN = join(ROOT, 'bin', 'run.js');

/** A prefix no other test uses: its own stream, bucket and subjects on the shared NATS. */
export const uniquePrefix = (): string => `t${randomBytes(4).toString('hex')}`;

/** Runs `berth ...` (the built CLI, under this Node) and returns its output and exit code. */
export const berth = async (args: readonly string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string; code: number }> => {
  try {
    const r = await exec(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
    return { stdout: r.stdout, stderr: r.stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: typeof e.code === 'number' ? e.code : 1 };
  }
};

/** `berth <args> --json` parsed; throws with stderr when it failed. */
export const berthJson = async <T>(prefix: string, args: readonly string[]): Promise<T> => {
  const r = await berth([...args, '--json', '--prefix', prefix, '--nats', NATS_URL]);
  if (r.code !== 0) throw new Error(`berth ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as T;
};

/** Polls `check` until it returns a truthy value or `ms` passes (then throws with the last value). */
export const eventually = async <T>(what: string, check: () => Promise<T | undefined | null | false>, ms = 30_000): Promise<T> => {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
};

/** A running `berth daemon` child process with its output collected. */
export type DaemonProc = { child: ChildProcess; out: () => string; err: () => string; stop: () => Promise<void>; kill9: () => Promise<void> };

export const startDaemon = async (prefix: string, extra: readonly string[] = [], ready = /resynced|berth daemon running: .*0 Docker engine/): Promise<DaemonProc> => {
  const child = spawn(process.execPath, [BIN, 'daemon', '--prefix', prefix, '--nats', NATS_URL, ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await eventually('the daemon to start', async () => {
    if (child.exitCode !== null) throw new Error(`daemon exited ${child.exitCode}: ${err}`);
    return ready.test(err);
  }, 60_000);
  return {
    child, out: () => out, err: () => err,
    stop: async () => { if (child.exitCode === null) { child.kill('SIGTERM'); await exited; } },
    kill9: async () => { if (child.exitCode === null) { child.kill('SIGKILL'); await exited; } },
  };
};

/** Deletes a test prefix's streams and bucket. */
export const dropPrefix = async (prefix: string): Promise<void> => {
  const nc = await connect({ servers: NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    const n = storeNames(prefix);
    for (const s of [n.stream, n.dlqStream, `KV_${n.bucket}`, `OBJ_${n.snapshots}`]) await jsm.streams.delete(s).catch(() => false);
  } finally {
    await nc.close();
  }
};

/** Runs the docker CLI against the lab engine. */
export const docker = async (...args: string[]): Promise<string> => (await exec('docker', args, { maxBuffer: 16 * 1024 * 1024 })).stdout.trim();

/** Removes every container carrying the test label. */
export const removeTestContainers = async (label: string): Promise<void> => {
  const ids = (await docker('ps', '-aq', '--filter', `label=${label}`)).split('\n').filter(Boolean);
  if (ids.length > 0) await docker('rm', '-f', ...ids).catch(() => '');
};
