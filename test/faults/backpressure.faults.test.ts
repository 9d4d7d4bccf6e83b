import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { AMQP_URL, deleteQueue, publishAll } from '../support/amqp.js';
import { eventually, uniquePrefix } from '../support/daemon-harness.js';
import { fakeContainer, startFakeEngine } from '../support/fake-docker-engine.js';
import { dockerBurst, notificationBurst, pollConnection, report, sleep, streamMessages, tally } from '../support/faults.js';
import { freePort } from '../support/nats-server.js';
import { metric, metricsText, ownNatsServer, spawnDaemon } from '../support/ops-daemon.js';
import { MAX_QUEUED_EVENTS } from '../../daemon/sources/docker/subscribe.js';
import type { Daemon } from '../support/ops-daemon.js';
import { readAllEvents } from '../support/stream-reader.js';

const exec = promisify(execFile);
const PREFETCH = 256;

/** Ready and unacknowledged messages of a queue, as RabbitMQ counts them. */
const queueCounts = async (queue: string): Promise<{ ready: number; unacked: number }> => {
  const out = (await exec('rabbitmqctl', ['list_queues', '-q', 'name', 'messages_ready', 'messages_unacknowledged'])).stdout;
  const row = out.split('\n').map((l) => l.split('\t')).find((c) => c[0] === queue);
  return { ready: Number(row?.[1] ?? NaN), unacked: Number(row?.[2] ?? NaN) };
};

const rssBytes = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;

test('JetStream paused (SIGSTOP) under 10,000 notifications and 12,000 Docker events: the daemon holds at most its prefetch of deliveries and 10,000 engine events, its memory stays bounded, and after SIGCONT everything is stored once', async (t) => {
  t.timeout(300_000);
  const prefix = uniquePrefix();
  const queue = `berth.test.${prefix}`;
  const exchange = `berth-test-${prefix}`;
  const dir = mkdtempSync(join(tmpdir(), 'berth-faults-bp-'));
  const nats = ownNatsServer(await freePort(), dir);
  // The engine keeps the last 4,096 events (a real one keeps 256): when the daemon takes its stream
  // up again after storing the 10,000 it held, the replay brings back the 2,000 it did not read.
  const fake = await startFakeEngine(Array.from({ length: 10 }, (_, i) => fakeContainer(`${prefix}-c${i}`)), [], { ring: 4096 });
  let d: Daemon | undefined;
  let stopped: number | undefined;
  t.teardown(async () => {
    if (stopped !== undefined) process.kill(stopped, 'SIGCONT');
    await d?.stop();
    await nats.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
    await deleteQueue(queue).catch(() => undefined);
  });
  await nats.start();
  d = await spawnDaemon(['--prefix', prefix, '--nats', nats.url, '--engine', `fake=${fake.url}`, '--amqp', AMQP_URL, '--amqp-queue', queue, '--amqp-exchange', exchange, '-q', '--http', '127.0.0.1:0'],
    /^(?=[\s\S]*consuming queue)(?=[\s\S]*resynced)/);
  const nc = await pollConnection(t, nats.url);
  const os = notificationBurst(prefix, exchange, 10_000);
  const dk = dockerBurst('fake', [...fake.containers.values()], MAX_QUEUED_EVENTS + 2000);
  const pid = d.child.pid as number;
  const rssBefore = rssBytes(pid);

  // Pause the server of the test's own: connections stay open, nothing is acknowledged.
  const server = Number((await exec('ss', ['-tlnpH', `sport = :${new URL(nats.url).port}`])).stdout.match(/pid=(\d+)/)?.[1]);
  t.true(server > 0, 'found the nats-server process');
  process.kill(server, 'SIGSTOP');
  stopped = server;
  await publishAll(os.msgs);
  for (const l of dk.lines) fake.push(l);
  let maxUnacked = 0;
  let maxRss = 0;
  for (let i = 0; i < 20; i++) {
    await sleep(500);
    maxUnacked = Math.max(maxUnacked, (await queueCounts(queue)).unacked);
    maxRss = Math.max(maxRss, rssBytes(pid));
  }
  const paused = await queueCounts(queue);
  t.log(`paused: ${paused.ready} ready and ${paused.unacked} unacked on the queue; daemon RSS ${Math.round(rssBefore / 2 ** 20)} → max ${Math.round(maxRss / 2 ** 20)} MiB`);
  t.true(maxUnacked <= PREFETCH, `the daemon took at most its prefetch (${maxUnacked} unacked)`);
  t.true(paused.ready >= 10_000 - PREFETCH, 'the rest waits on the broker, not in the daemon');
  t.true(maxRss - rssBefore < 256 * 2 ** 20, 'memory stays bounded while the store is paused');
  const daemon = d;
  await eventually('the daemon to stop reading the engine at its limit', async () => daemon.err().includes(`${MAX_QUEUED_EVENTS} events read but not yet stored`), 30_000);
  t.is(d.child.exitCode, null);

  process.kill(server, 'SIGCONT');
  stopped = undefined;
  const want = [...os.ids, ...dk.ids];
  await eventually('everything stored after the server resumed', async () => (await streamMessages(nc, prefix)) >= want.length, 240_000).catch(() => undefined);
  const counts = tally(want, (await readAllEvents(prefix, nats.url)).map((e) => e.id));
  t.is((await queueCounts(queue)).ready, 0);
  t.true(metric(await metricsText(d.http()), 'berth_docker_overflows_total', { engine: 'fake' }) >= 1, 'the overflow is in the metrics');
  report(t, { case: 'backpressure: JetStream paused', runs: 1, ...counts });
});
