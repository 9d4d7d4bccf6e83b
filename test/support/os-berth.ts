// The berth side of the OpenStack lab tests: `berth <list> --json` with a deadline, and the
// dead letters of a test prefix.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kvm, KvWatchInclude } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { storeNames } from '../../daemon/store/names.js';
import { readStream } from '../../daemon/store/read.js';
import { NATS_URL, ROOT } from './daemon-harness.js';

const exec = promisify(execFile);

/** `berth` calls that did not answer in time (see `berthRun`), each naming its prefix. */
export const berthHangs: string[] = [];
/** How many times `berth` ran, per prefix. */
export const berthRuns = new Map<string, number>();

/**
 * `berth <args> --json --prefix <prefix>`, killed after `ms`: unlike the harness' `berth`, a CLI
 * that never returns must not wedge a test (other tests publishing to the same exchanges can fill
 * this prefix's model with thousands of entities while the daemon writes it). Hangs are recorded.
 */
export const berthRun = async (prefix: string, args: readonly string[], ms = 45_000): Promise<{ stdout: string; stderr: string; code: number }> => {
  const all = [join(ROOT, 'bin', 'run.js'), ...args, '--json', '--prefix', prefix, '--nats', NATS_URL];
  berthRuns.set(prefix, (berthRuns.get(prefix) ?? 0) + 1);
  try {
    const r = await exec(process.execPath, all, { cwd: ROOT, timeout: ms, killSignal: 'SIGKILL', maxBuffer: 512 * 1024 * 1024 });
    return { stdout: r.stdout, stderr: r.stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number; killed?: boolean };
    if (e.killed === true) {
      berthHangs.push(`berth ${args.join(' ')} --prefix ${prefix} (${new Date().toISOString()})`);
      throw new Error(`berth ${args.join(' ')} did not answer within ${ms / 1000}s (killed)`, { cause: err });
    }
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: typeof e.code === 'number' ? e.code : 1 };
  }
};

/** `berthRun` parsed; throws with stderr when it failed. */
export const berthRows = async <T>(prefix: string, args: readonly string[]): Promise<T> => {
  const r = await berthRun(prefix, args);
  if (r.code !== 0) throw new Error(`berth ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as T;
};

/** The dead letters of a test prefix (reason and the head of the body). */
export const deadLetters = async (prefix: string): Promise<{ reason: string; head?: string }[]> => {
  const nc = await connect({ servers: NATS_URL });
  const out: { reason: string; head?: string }[] = [];
  try {
    await readStream(nc, { stream: `${prefix.toUpperCase()}_DEADLETTER`, filter: `${prefix}.dlq.>` }, (m) => { out.push(m.json()); });
  } catch (err) {
    // No dead letter yet: the stream may not exist.
    if (!/not found|no stream/i.test((err as Error).message)) throw err;
  } finally {
    await nc.close();
  }
  return out;
};

/** When a prefix's read model (its KV bucket) last changed, from a watch of the bucket. */
class ModelWatch {
  private last = 0;
  private wake: (() => void)[] = [];
  private readonly nc: NatsConnection;
  private constructor(nc: NatsConnection) { this.nc = nc; }

  static async open(prefix: string): Promise<ModelWatch> {
    const nc = await connect({ servers: NATS_URL });
    const w = new ModelWatch(nc);
    try {
      const kv = await new Kvm(nc).open(storeNames(prefix).bucket);
      const iter = await kv.watch({ key: '>', include: KvWatchInclude.UpdatesOnly });
      void (async () => {
        for await (const e of iter) w.changed(e.key);
      })().catch(() => undefined);
    } catch (err) {
      await nc.close();
      throw err;
    }
    return w;
  }

  /** The key that changed last (for a timeout's message). */
  lastKey = '';

  private changed(key: string): void {
    this.last = Date.now();
    this.lastKey = key;
    for (const f of this.wake.splice(0)) f();
  }

  /** Resolves once the model has changed after `since` (and then stayed still for `settle` ms), or after `ms`. */
  async next(since: number, ms: number, settle = 300): Promise<void> {
    const end = Date.now() + ms;
    while (this.last <= since && Date.now() < end) await new Promise<void>((r) => { this.wake.push(r); setTimeout(r, end - Date.now()); });
    while (Date.now() - this.last < settle && Date.now() < end) await new Promise((r) => setTimeout(r, settle));
  }

  async close(): Promise<void> { await this.nc.close().catch(() => undefined); }
}

const watches = new Map<string, Promise<ModelWatch | null>>();
/** The watch of a prefix's model (null when it cannot be opened: retries are then paced by time alone). */
const watchOf = async (prefix: string): Promise<ModelWatch | null> => {
  let w = watches.get(prefix);
  if (w === undefined) {
    w = ModelWatch.open(prefix).catch(() => null);
    watches.set(prefix, w);
  }
  return w;
};
/** Stops watching a prefix's model (before its bucket is dropped). */
export const closeModelWatch = async (prefix: string): Promise<void> => {
  const w = watches.get(prefix);
  watches.delete(prefix);
  await (await w)?.close();
};

/**
 * Polls a `berth` check until it returns a value, or fails after `ms` with the last error. Each
 * `berth` run starts a Node process (about a second of CPU, on the machine the lab's services
 * share): a retry waits until the prefix's model has changed since the last run began (at most
 * a few seconds), since before that `berth` can only print the same answer.
 */
export const berthUntil = async <T>(what: string, check: () => Promise<T | undefined | null | false>, ms: number, prefix?: string): Promise<T> => {
  const end = Date.now() + ms;
  const watch = prefix === undefined ? null : await watchOf(prefix);
  let last: unknown;
  for (;;) {
    const began = Date.now();
    try {
      const v = await check();
      if (v) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000}s waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    if (watch === null) await new Promise((r) => setTimeout(r, 400));
    else await watch.next(began, Math.min(3000, Math.max(0, end - Date.now())));
  }
};
