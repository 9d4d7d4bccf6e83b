// A reader that closes the pipe (`berth events | head -1`, `events --follow | grep -m1`) ends the
// command quietly with 141, as SIGPIPE ends a C program: before, a read ended with exit 13 and Node's
// "unsettled top-level await" warning, and a follower wrote into nothing forever.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import test from 'ava';
import { translateDockerEvent } from '../../events/translate/docker.js';
import { loadScenario, scenarioNames } from '../support/corpus.js';
import { berth, ROOT, startDaemon } from '../support/daemon-harness.js';
import { corpusEvents, freshStore } from '../support/fresh-store.js';

/** Starts `berth args`, takes its first chunk of stdout, closes the pipe, and resolves with the exit code and stderr. */
const closeAfterFirstChunk = (args: readonly string[], afterClose: () => Promise<void> = async () => undefined): Promise<{ code: number | null; stderr: string; first: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let first = '';
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    child.stdout.once('data', (b: Buffer) => {
      first = b.toString();
      child.stdout.destroy();
      afterClose().catch(reject);
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr, first }));
  });

test.serial('berth events and events --follow end with 141 (as SIGPIPE would), and say nothing, once the reader closed the pipe', async (t) => {
  t.timeout(180_000);
  const { prefix, appender } = await freshStore(t);
  const events = corpusEvents();
  await Promise.all(events.map((e) => appender.append(e)));
  t.true(events.length > 200, `${events.length} events: more than a pipe holds as JSON`);

  const read = await closeAfterFirstChunk(['events', '--prefix', prefix, '-o', 'json']);
  t.true(read.first.length > 0);
  t.is(read.code, 141, read.stderr);
  t.notRegex(read.stderr, /Warning|unsettled/);

  // A follower finds out at its next write: an event appended after the reader left.
  const more = translateDockerEvent('pipe-host', loadScenario(scenarioNames()[0] as string)[0] as never, '2026-11-25T12:00:00.000000000Z');
  const follow = await closeAfterFirstChunk(['events', '--prefix', prefix, '--follow', '--limit', '1', '-o', 'json'], async () => {
    await new Promise((r) => setTimeout(r, 1000));
    for (const e of more) await appender.append(e);
  });
  t.is(follow.code, 141, follow.stderr);
  t.notRegex(follow.stderr, /Warning|unsettled/);
});

test.serial('berth top events, piped, prints the newest events of the log, not only its header (the tail is waited for)', async (t) => {
  t.timeout(180_000);
  const { prefix, appender } = await freshStore(t);
  const events = corpusEvents();
  await Promise.all(events.map((e) => appender.append(e)));
  // Piped, the console answers only while a daemon keeps the model (else it says none does).
  const d = await startDaemon(prefix, ['--no-docker', '--quiet']);
  t.teardown(() => d.stop());
  for (let i = 0; i < 3; i++) {
    const r = await berth(['top', 'events', '--prefix', prefix, '--json']);
    t.is(r.code, 0, r.stderr);
    t.true((JSON.parse(r.stdout) as unknown[]).length >= events.length, `run ${i}: ${(JSON.parse(r.stdout) as unknown[]).length} of ${events.length}`);
  }
});
