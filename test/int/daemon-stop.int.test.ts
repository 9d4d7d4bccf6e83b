// Stopping the daemon while JetStream does not answer (its server stopped with SIGSTOP, as a hung
// or partitioned server is): the stop waits --stop-timeout for what is in flight, then the daemon
// exits 1 saying why; a second signal ends it at once. A stop with JetStream there still ends 0.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import test from 'ava';
import { ROOT } from '../support/daemon-harness.js';
import { startOwnNats } from '../support/nats-server.js';

type Run = Readonly<{ child: ChildProcess; err: () => string; exit: Promise<number | null> }>;

const daemon = async (url: string, env: Record<string, string>): Promise<Run> => {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), 'daemon', '--prefix', 'tstop', '--nats', url, '--no-docker', '--quiet'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (b: Buffer) => { err += b.toString(); });
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  for (let i = 0; !/berth daemon running/.test(err); i++) {
    if (child.exitCode !== null || i > 600) throw new Error(`the daemon did not start: ${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, err: () => err, exit };
};

test.serial('a stop JetStream cannot finish ends after --stop-timeout with exit 1 and why; a second signal ends it at once; a stop with JetStream there ends 0', async (t) => {
  const nats = await startOwnNats('');
  t.teardown(() => nats.stop());
  const url = `nats://127.0.0.1:${nats.port}`;

  const timedOut = await daemon(url, { BERTH_STOP_TIMEOUT: '2' });
  process.kill(nats.pid, 'SIGSTOP');
  timedOut.child.kill('SIGTERM');
  t.is(await timedOut.exit, 1, timedOut.err());
  process.kill(nats.pid, 'SIGCONT');
  t.regex(timedOut.err(), /berth daemon exits now \(not stopped 2 s after SIGTERM\) without waiting for JetStream/);
  t.regex(timedOut.err(), /Nothing is lost/);
  t.notRegex(timedOut.err(), /berth daemon stopped/);

  const twice = await daemon(url, { BERTH_STOP_TIMEOUT: '3600' });
  process.kill(nats.pid, 'SIGSTOP');
  twice.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  twice.child.kill('SIGINT');
  t.is(await twice.exit, 1, twice.err());
  process.kill(nats.pid, 'SIGCONT');
  t.regex(twice.err(), /exits now \(a second SIGINT\)/);

  const clean = await daemon(url, { BERTH_STOP_TIMEOUT: '2' });
  clean.child.kill('SIGTERM');
  t.is(await clean.exit, 0, clean.err());
  t.regex(clean.err(), /berth daemon stopped/);
  t.notRegex(clean.err(), /exits now/);
});
