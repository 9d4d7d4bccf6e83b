// `berth deadletters` lists what the daemons could not store as events, and the daemon's log says
// when it dead-letters input (once per letter: a redelivery JetStream drops is not logged again).
import test from 'ava';
import { createLogger } from '../../daemon/log.js';
import { berth, uniquePrefix } from '../support/daemon-harness.js';
import { freshStore } from '../support/fresh-store.js';

test.serial('deadletters lists each letter once with source, reason and id; filters by source and count; -o json has the head; the log says each new one', async (t) => {
  t.timeout(120_000);
  const none = await berth(['deadletters', '--prefix', uniquePrefix()]);
  t.is(none.code, 4, none.stderr);
  t.regex(none.stderr, /No dead-letter stream/);

  const lines: string[] = [];
  const { prefix, appender } = await freshStore(t, createLogger({ sink: (l) => { lines.push(l); } }));
  await appender.rejectInput('openstack', 'nova/notifications.info: not JSON', '{"oslo.version": "2.0", "oslo.message": "{trunc \u001b[31mred', 'os-bad-1');
  await appender.rejectInput('openstack', 'nova/notifications.info: not JSON', '{"oslo.version": "2.0", "oslo.message": "{trunc \u001b[31mred', 'os-bad-1');
  await appender.rejectInput('docker', "malformed Docker event from 'vm': line too long", '{"Type":"container"', 'dk-bad-2');
  t.is(lines.filter((l) => /dead-lettered openstack input os-bad-1: nova\/notifications\.info: not JSON/.test(l)).length, 1, lines.join(''));
  t.is(lines.filter((l) => /dead-lettered docker input dk-bad-2/.test(l)).length, 1);

  const all = await berth(['deadletters', '--prefix', prefix, '--json']);
  t.is(all.code, 0, all.stderr);
  const letters = JSON.parse(all.stdout) as { seq: number; source: string; reason: string; id: string; head: string }[];
  t.deepEqual(letters.map((l) => [l.source, l.id]), [['openstack', 'os-bad-1'], ['docker', 'dk-bad-2']]);
  t.true(letters[0]?.head.includes('{trunc'));
  const docker = await berth(['deadletters', '--prefix', prefix, '--source', 'docker', '--json']);
  t.deepEqual((JSON.parse(docker.stdout) as { id: string }[]).map((l) => l.id), ['dk-bad-2']);
  const newest = await berth(['deadletters', '--prefix', prefix, '--limit', '1', '-o', 'json']);
  t.deepEqual((JSON.parse(newest.stdout) as { id: string }[]).map((l) => l.id), ['dk-bad-2']);
  const table = await berth(['deadletters', '--prefix', prefix, '-c', 'source,reason,head']);
  t.is(table.code, 0, table.stderr);
  t.regex(table.stdout, /openstack\s+nova\/notifications\.info: not JSON/);
  t.false(table.stdout.includes('\u001b'), 'no raw escape reaches the terminal');
  const later = await berth(['deadletters', '--prefix', prefix, '--since', '2999-01-01T00:00:00Z', '--json']);
  t.deepEqual(JSON.parse(later.stdout), []);
});

test.serial('a dead-letter stream of 1,200 letters of 64 KiB is listed whole (read 64 a pull: 1000 of them are the server\'s whole pending limit for a client), and --limit reads only the newest', async (t) => {
  t.timeout(300_000);
  const { prefix, appender } = await freshStore(t);
  const big = 'x'.repeat(64 * 1024);
  for (let i = 0; i < 1200; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => appender.rejectInput('docker', 'line too long', big, `dk-big-${i + j}`)));
  const all = await berth(['deadletters', '--prefix', prefix, '-c', 'id', '-o', 'value']);
  t.is(all.code, 0, all.stderr);
  const ids = all.stdout.trim().split('\n');
  t.is(ids.length, 1200);
  t.is(ids.at(-1), 'dk-big-1199');
  const newest = await berth(['deadletters', '--prefix', prefix, '--limit', '2', '--json']);
  t.deepEqual((JSON.parse(newest.stdout) as { id: string }[]).map((l) => l.id), ['dk-big-1198', 'dk-big-1199']);
});
