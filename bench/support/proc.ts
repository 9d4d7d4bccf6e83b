// Child processes for the bench: cold command runs (timed), probes that answer with one JSON line,
// and statistics over the samples.
import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'run.js');
export const NATS_URL = process.env['BERTH_NATS_URL'] ?? 'nats://127.0.0.1:4222';
export const AMQP_URL = process.env['BERTH_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

const exec = promisify(execFile);

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const median = (xs: readonly number[]): number => percentile(xs, 50);

/** Nearest-rank percentile; NaN for no samples. */
export const percentile = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
};

export type RunResult = Readonly<{ ms: number; code: number; stdout: string; stderr: string }>;

/** Runs a command once, as a user would (a cold process), and times it from spawn to exit. */
export const timedRun = (cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> =>
  new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - t0, code: code ?? 1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });

/** A berth command under this Node (the one npm scripts use), with the given environment. */
export const berthArgs = (args: readonly string[]): string[] => [BIN, ...args];

/** Runs `berth ...` and fails loudly when it exits non-zero. */
export const berth = async (args: readonly string[]): Promise<RunResult> => {
  const r = await timedRun(process.execPath, berthArgs(args));
  if (r.code !== 0) throw new Error(`berth ${args.join(' ')} exited ${r.code}: ${r.stderr.slice(0, 2000)}`);
  return r;
};

/** Runs a command to completion and returns stdout (throws with stderr on failure). */
export const sh = async (cmd: string, args: readonly string[], opts: Readonly<{ env?: NodeJS.ProcessEnv; timeoutMs?: number }> = {}): Promise<string> =>
  (await exec(cmd, args, { cwd: ROOT, env: opts.env ?? process.env, maxBuffer: 256 * 1024 * 1024, timeout: opts.timeoutMs ?? 600_000 })).stdout;

/**
 * Runs a probe (`bench/probes/<name>.ts`) in a fresh Node with tsx and returns the JSON object it
 * prints on its last stdout line. Probes measure themselves, so their own startup is not counted.
 */
export const probe = async <T>(name: string, args: readonly string[], opts: Readonly<{ nodeArgs?: readonly string[]; env?: NodeJS.ProcessEnv; plain?: boolean }> = {}): Promise<T> => {
  const file = join(ROOT, 'bench', 'probes', `${name}.ts`);
  // `plain`: Node's own type stripping, nothing loaded but the probe (for memory baselines).
  const loader = opts.plain ? [] : ['--import', 'tsx'];
  const r = await timedRun(process.execPath, [...(opts.nodeArgs ?? []), ...loader, file, ...args], { ...process.env, ...opts.env });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.code !== 0 || !last.startsWith('{')) throw new Error(`probe ${name} exited ${r.code}: ${r.stderr.slice(-3000)}${r.stdout.slice(-500)}`);
  return JSON.parse(last) as T;
};

/** Resident set size of a process in MB (from /proc), or NaN when it is gone. */
export const rssMb = (pid: number): number => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? Number.NaN : Number(m[1]) / 1024;
  } catch {
    return Number.NaN;
  }
};

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export const cpuSeconds = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
};

/** CPU seconds the whole machine has been busy so far (every core, from /proc/stat), or NaN. */
export const machineBusySeconds = (): number => {
  try {
    const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    // Steal is time the hypervisor gave to others, not work done here; guest is counted in user already.
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = f;
    return (user + nice + system + irq + softirq) / 100;
  } catch {
    return Number.NaN;
  }
};

/** Processes by their name (`/proc/<pid>/comm`): nats-server, beam.smp (RabbitMQ). */
export const pidsNamed = (comm: string): number[] => {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === comm) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
};

/** What a stretch of work cost in CPU: the machine's cores kept busy, and µs per message in all and by process. */
export type CpuUse = Readonly<{ cores: number; machineUs: number; us: Readonly<Record<string, number>> }>;

/**
 * Starts measuring CPU: the whole machine's and that of the named processes (say `{ daemon: [pid],
 * 'nats-server': pidsNamed('nats-server') }`); the returned function ends it for `messages` messages.
 */
export const cpuMeter = (procs: Readonly<Record<string, readonly number[]>>): ((messages: number) => CpuUse) => {
  const p0 = new Map([...new Set(Object.values(procs).flat())].map((pid) => [pid, cpuSeconds(pid)]));
  // A process gone by the end (a short-lived `rabbitmqctl`, also named beam.smp) counts for nothing.
  const used = (pids: readonly number[]): number => pids.reduce((a, pid) => {
    const d = cpuSeconds(pid) - (p0.get(pid) ?? Number.NaN);
    return Number.isFinite(d) ? a + d : a;
  }, 0);
  const m0 = machineBusySeconds();
  const t0 = performance.now();
  return (messages) => {
    const seconds = (performance.now() - t0) / 1000;
    const busy = machineBusySeconds() - m0;
    const us = Object.fromEntries(Object.entries(procs).map(([k, pids]) => [k, (used(pids) * 1e6) / messages]));
    return { cores: busy / seconds, machineUs: (busy * 1e6) / messages, us };
  };
};

/** "1.54 cores busy, 265 µs of CPU per message (daemon 163, nats-server 60)" */
export const cpuText = (u: CpuUse | undefined): string =>
  u === undefined ? 'CPU not measured' : `${u.cores.toFixed(2)} cores busy, ${n0(u.machineUs)} µs of CPU per message (${Object.entries(u.us).map(([k, v]) => `${k} ${n0(v)}`).join(', ')})`;

/** "1,234" */
export const n0 = (x: number): string => Math.round(x).toLocaleString('en');
