import test from 'ava';
import type { Container } from '../../events/container.js';
import type { Port } from '../../events/port.js';
import { fold } from '../../events/inventory.js';
import { dockerEventId } from '../../events/translate/docker.js';
import { berth, berthJson, docker, dropPrefix, eventually, NATS_URL, removeTestContainers, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { readAllEvents } from '../support/stream-reader.js';
import { parseEventLine } from '../../daemon/sources/docker/ndjson.js';

const byName = async (prefix: string, name: string): Promise<Container | undefined> =>
  (await berthJson<Container[]>(prefix, ['ps', '--name', `^${name}$`]))[0];

test.serial('containers created, started, stopped, killed and removed on a real engine show in the model with their published ports', async (t) => {
  const prefix = uniquePrefix();
  const label = `berth-test=${prefix}`;
  let d: DaemonProc | undefined;
  t.teardown(async () => { await d?.stop(); await removeTestContainers(label); await dropPrefix(prefix); });
  d = await startDaemon(prefix);
  const name = `${prefix}-web`;
  await docker('create', '--name', name, '--label', label, '--label', 'app=web', '-p', '127.0.0.1::80', '-p', '53/udp', 'berth-mini:latest', 'httpd', '-f', '-p', '80');
  const created = await eventually('created', async () => (await byName(prefix, name))?.state === 'created' && byName(prefix, name));
  t.is(created?.image, 'berth-mini:latest');
  t.deepEqual(created?.labels['app'], 'web');

  await docker('start', name);
  const running = await eventually('running with ports', async () => {
    const c = await byName(prefix, name);
    return c?.state === 'running' && c.ports.length >= 2 ? c : undefined;
  });
  const inspected = JSON.parse(await docker('inspect', name)) as [{ NetworkSettings: { Ports: Record<string, { HostIp: string; HostPort: string }[]> } }];
  const tcp = inspected[0].NetworkSettings.Ports['80/tcp']?.[0];
  t.truthy(tcp);
  t.true(running.ports.some((p) => p.protocol === 'tcp' && p.containerPort === 80 && p.hostIp === '127.0.0.1' && String(p.hostPort) === tcp?.HostPort));
  t.true(running.ports.some((p) => p.protocol === 'udp' && p.containerPort === 53));
  const ports = await berthJson<Port[]>(prefix, ['ports', '--container', name]);
  t.true(ports.some((p) => String(p.hostPort) === tcp?.HostPort && p.containerName === name));

  await docker('stop', '-t', '1', name);
  const stopped = await eventually('exited', async () => {
    const c = await byName(prefix, name);
    return c?.state === 'exited' ? c : undefined;
  });
  t.deepEqual(stopped.ports, []);
  t.deepEqual(await berthJson<Port[]>(prefix, ['ports', '--container', name]), []);

  await docker('start', name);
  await eventually('running again', async () => (await byName(prefix, name))?.state === 'running');
  await docker('kill', name);
  const killed = await eventually('killed', async () => {
    const c = await byName(prefix, name);
    return c?.state === 'exited' ? c : undefined;
  });
  t.is(killed.exitCode, 137);
  t.is(killed.lastSignal, 9);

  const shown = await berth(['get', 'container', name, '--prefix', prefix, '--nats', NATS_URL]);
  t.is(shown.code, 0);
  t.regex(shown.stdout, new RegExp(`${name}`));

  await docker('rm', name);
  await eventually('removed', async () => (await byName(prefix, name)) === undefined);
  const missing = await berth(['get', 'container', name, '--prefix', prefix, '--nats', NATS_URL]);
  t.is(missing.code, 4);
  t.regex(missing.stderr, /is not in the model/);
  t.regex(d.out(), new RegExp(`container ${name} \\(`), 'the daemon shows what it sees');
});

test.serial('a daemon killed with -9 mid-burst and restarted loses no engine event, stores none twice, and its model equals a fresh fold of the stream', async (t) => {
  const prefix = uniquePrefix();
  const label = `berth-test=${prefix}`;
  let d: DaemonProc | undefined;
  t.teardown(async () => { await d?.stop(); await removeTestContainers(label); await dropPrefix(prefix); });
  d = await startDaemon(prefix);
  const t0 = (Date.now() / 1000).toFixed(3);
  // 24 containers: about 6 events each keeps the window under the engine's 256-event ring buffer.
  const names = Array.from({ length: 24 }, (_, i) => `${prefix}-b${i}`);
  let killedMidway = false;
  for (const [i, n] of names.entries()) {
    await docker('run', '-d', '--name', n, '--label', label, 'berth-mini:latest', 'sleep', '300');
    if (i % 2 === 1) await docker('rm', '-f', n);
    if (i === 9) {
      await d.kill9();
      killedMidway = true;
    }
  }
  t.true(killedMidway);
  const t1 = (Date.now() / 1000 + 1).toFixed(3);
  d = await startDaemon(prefix);
  const kept = names.filter((_, i) => i % 2 === 0);
  await eventually('all kept containers running, the removed ones gone', async () => {
    const ps = await berthJson<Container[]>(prefix, ['ps', '--label', label]);
    return ps.length === kept.length && ps.every((c) => c.state === 'running' && kept.includes(c.name));
  }, 60_000);

  // Unfiltered: network connect/disconnect carry no container labels, and the daemon records every
  // engine event anyway (healthcheck execs apart, which it filters on purpose).
  const lines = (await docker('events', '--since', t0, '--until', t1, '--format', '{{json .}}')).split('\n').filter((l) => l !== '' && !l.includes('"Action":"exec_'));
  const engineIds = lines.map((l) => {
    const item = parseEventLine(l);
    if (!item?.ok) throw new Error(`bad engine line ${l}`);
    return dockerEventId('vm', { ...item.event });
  });
  t.true(engineIds.length >= 100, `the burst produced ${engineIds.length} events`);
  const events = await readAllEvents(prefix);
  const host = events.find((e) => e.type === 'HostObserved')?.source.host ?? '';
  const stored = events.filter((e) => e.id.startsWith('dk-') && e.source.host === host);
  const storedIds = stored.map((e) => e.id);
  t.is(new Set(storedIds).size, storedIds.length, 'no event is stored twice');
  const hostIds = lines.map((l) => {
    const item = parseEventLine(l);
    return item?.ok ? dockerEventId(host, item.event) : '';
  });
  const missingIds = hostIds.filter((id) => !storedIds.includes(id));
  // The engine's lines of the missing ones, and what the daemons logged, say which and why.
  const missingLines = lines.filter((_, i) => missingIds.includes(hostIds[i] as string));
  t.deepEqual(missingIds, [], `every engine event of the burst is in the stream; missing: ${missingLines.join('\n')}; the restarted daemon logged: ${d.err().slice(-3000)}`);

  const model = await berthJson<Container[]>(prefix, ['ps']);
  const folded = fold(events);
  const mine = (cs: readonly Container[]) => JSON.stringify([...cs].filter((c) => c.labels['berth-test'] === prefix).sort((a, b) => a.containerId.localeCompare(b.containerId)));
  t.is(mine(model), mine([...folded.containers.values()]), 'the model equals a fresh fold of the stream');
});
