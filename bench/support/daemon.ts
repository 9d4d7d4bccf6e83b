// The real `berth daemon` as a child process: started with its own prefix, watched through its
// log, measured from /proc, stopped by its pid.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { BIN, NATS_URL, ROOT, sleep } from './proc.js';

export type Daemon = Readonly<{
  pid: number;
  child: ChildProcess;
  log: () => string;
  /** Resolves when the log matches (throws after `ms`, or when the daemon exits). */
  waitFor: (re: RegExp, ms?: number) => Promise<void>;
  stop: () => Promise<void>;
}>;

export const startDaemon = async (prefix: string, args: readonly string[], ready: RegExp = /berth daemon running/, readyMs = 180_000): Promise<Daemon> => {
  // bin/run.js as a program, as `npx berth daemon` starts it: its shell line sets what it sets for a
  // daemon (glibc's malloc) and execs the pinned Node (the one the bench runs on), in the same process.
  const child = spawn(BIN, ['daemon', '--prefix', prefix, '--nats', NATS_URL, '--quiet', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
    if (log.length > 4_000_000) log = log.slice(-2_000_000);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const waitFor = async (re: RegExp, ms = 600_000): Promise<void> => {
    const end = Date.now() + ms;
    while (!re.test(log)) {
      if (child.exitCode !== null) throw new Error(`berth daemon (${prefix}) exited ${child.exitCode}: ${log.slice(-2000)}`);
      if (Date.now() > end) throw new Error(`berth daemon (${prefix}) did not log ${re} within ${ms} ms: ${log.slice(-2000)}`);
      await sleep(50);
    }
  };
  await waitFor(ready, readyMs);
  return {
    pid: child.pid as number, child, log: () => log, waitFor,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(t);
    },
  };
};
