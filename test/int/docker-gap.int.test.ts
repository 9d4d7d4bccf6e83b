import test from 'ava';
import type { Recorded } from '../../events/envelope.js';
import type { Inventory } from '../../events/inventory.js';
import { fold } from '../../events/inventory.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { clusterPart, snapshotOf } from '../../daemon/sources/docker/resync.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { docker, dropPrefix, eventually, removeTestContainers, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import { IMAGE, LOCAL, LOCAL_ENGINE, portRows, psNamed, psRows, pushEventRing, removeRepoTags, run } from '../support/int-docker.js';
import { readAllEvents } from '../support/stream-reader.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The container (if any) an event is about. */
const containerOf = (e: OpsEvent): string | undefined =>
  e.type === 'ContainerObserved' ? e.data.container.containerId : e.subject.kind === 'container' ? e.subject.id : undefined;

/**
 * Events a restart of the daemon recorded that nothing on the engine explains. Resync writes
 * only differences from the model, so with `mine` and the host untouched it writes nothing about
 * them; the daemon follows the whole shared engine, so other tests' live activity (engine events,
 * inspects after them, observations that differ from the model) is allowed.
 */
const unexplained = (added: readonly Recorded<OpsEvent>[], prior: Inventory, mine: ReadonlySet<string>, networksNow: ReadonlySet<string>): string[] => {
  const live = new Set(added.filter((e) => e.id.startsWith('dk-')).map(containerOf).filter((x) => x !== undefined));
  const out: string[] = [];
  for (const e of added) {
    const cid = containerOf(e);
    const what = `${e.type} ${e.subject.kind}/${e.subject.id} (${e.id})`;
    if (cid !== undefined && mine.has(cid)) out.push(`${what}: about a container of this test, which did not change`);
    else if (e.type === 'HostObserved' || e.type === 'HostConnectionChanged') out.push(`${what}: the engine did not change`);
    else if (e.id.startsWith('dk-')) continue; // a live engine event of someone else's
    else if (e.type === 'ContainerObserved') {
      const had = prior.containers.get(e.data.container.containerId);
      if (had && same(snapshotOf(had), e.data.container) && !live.has(had.containerId)) out.push(`${what}: same as the model`);
    } else if (e.type === 'ContainerVanished') {
      if (!prior.containers.has(e.data.containerId)) out.push(`${what}: was not in the model`);
    } else if (e.type === 'NetworkObserved') {
      const had = prior.networks.get(e.data.network.networkId);
      if (had && same({ networkId: had.networkId, name: had.name, driver: had.driver, scope: had.scope }, e.data.network)) out.push(`${what}: same as the model`);
    } else if (e.type === 'NetworkVanished') {
      if (networksNow.has(e.data.networkId)) out.push(`${what}: the network still exists`);
    } else if (e.type === 'ClusterObserved') {
      const had = prior.clusters.get(e.data.cluster.clusterId);
      if (had && same(clusterPart(had), e.data.cluster)) out.push(`${what}: same as the model`);
    } else out.push(`${what}: not something a resync writes`);
  }
  return out;
};

test.serial('a container removed and another started while the daemon was down, past the engine\'s 256-event ring, are recovered by the re-list, and a second restart with nothing changed records nothing about them', async (t) => {
  t.timeout(175_000);
  const prefix = uniquePrefix();
  const label = `berth-test=${prefix}`;
  const repo = `gap-${prefix}`;
  const [nameA, nameB, nameM1, nameM2] = ['a', 'b', 'm1', 'm2'].map((s) => `${prefix}-${s}`) as [string, string, string, string];
  let daemon: DaemonProc | undefined;
  t.teardown(async () => {
    await daemon?.stop();
    await removeTestContainers(label);
    await removeRepoTags(repo);
    await dropPrefix(prefix);
  });

  daemon = await startDaemon(prefix, ['--engine', LOCAL_ENGINE]);
  const before = Math.floor(Date.now() / 1000) - 1;
  const idA = await docker('run', '-d', '--label', label, '--name', nameA, IMAGE, 'sleep', '3600');
  await eventually('A running in berth ps', async () => (await psNamed(prefix, nameA))?.state === 'running', 60_000);
  await daemon.stop();

  // While the daemon is down: A goes, B comes, and 300 image events push both out of the ring.
  await docker('rm', '-f', idA);
  const idB = await docker('run', '-d', '--label', label, '--name', nameB, '-p', '127.0.0.1::80', IMAGE, 'httpd', '-f', '-p', '80');
  const hostPort = Number((await docker('port', idB, '80/tcp')).split('\n')[0]?.split(':').pop());
  t.true(hostPort > 0, 'docker published a host port for B');
  await pushEventRing(repo);
  const replay = await run('docker', ['events', '--since', String(before), '--until', String(Math.ceil(Date.now() / 1000) + 1), '--filter', `container=${idA}`, '--format', '{{.Action}}']);
  t.is(replay.stdout.trim(), '', 'precondition: the engine no longer replays anything of A');

  daemon = await startDaemon(prefix, ['--engine', LOCAL_ENGINE]);
  const b = await eventually('B running with its port in berth ps', async () => {
    const c = await psNamed(prefix, nameB);
    return c?.state === 'running' && c.ports.length > 0 ? c : undefined;
  }, 60_000);
  t.is(b.containerId, idB);
  t.is(b.host, LOCAL);
  t.deepEqual(b.ports, [{ hostIp: '127.0.0.1', hostPort, containerPort: 80, protocol: 'tcp' }]);
  const port = (await portRows(prefix)).find((p) => p.containerId === idB);
  t.like(port, { host: LOCAL, hostIp: '127.0.0.1', hostPort, containerPort: 80, protocol: 'tcp', containerName: nameB, kind: 'docker-published' });
  t.false((await psRows(prefix)).some((c) => c.containerId === idA || c.name === nameA), 'A is not in the model');
  const events = await readAllEvents(prefix);
  const aboutA = events.filter((e) => containerOf(e) === idA).map((e) => e.type);
  t.true(aboutA.includes('ContainerVanished'), `the stream records A as vanished; it has ${aboutA.join(', ')}`);
  t.false(aboutA.includes('ContainerDestroyed'), 'A\'s removal was not replayed by the engine (the gap was real)');

  // Settle the second daemon: a marker started now is processed after everything it replayed.
  await docker('run', '-d', '--label', label, '--name', nameM1, IMAGE, 'sleep', '3600');
  const m1 = await eventually('marker 1 running in berth ps', async () => {
    const c = await psNamed(prefix, nameM1);
    return c?.state === 'running' ? c : undefined;
  }, 60_000);
  await daemon.stop();

  const stored = await readAllEvents(prefix);
  const prior = fold(stored);
  daemon = await startDaemon(prefix, ['--engine', LOCAL_ENGINE]);
  const idM2 = await docker('run', '-d', '--label', label, '--name', nameM2, IMAGE, 'sleep', '3600');
  await eventually('marker 2 running in berth ps', async () => (await psNamed(prefix, nameM2))?.state === 'running', 60_000);
  const lastSeq = stored.at(-1)?.seq ?? 0;
  const added = (await readAllEvents(prefix)).filter((e) => e.seq > lastSeq && containerOf(e) !== idM2);
  const networksNow = new Set((await docker('network', 'ls', '-q', '--no-trunc')).split('\n').filter(Boolean));
  t.log(`the restart recorded ${added.length} event(s) (other activity on the shared engine is allowed)`);
  t.deepEqual(unexplained(added, prior, new Set([idA, idB, m1.containerId]), networksNow), []);
  t.deepEqual((await psRows(prefix)).filter((c) => c.name.startsWith(`${prefix}-`)).map((c) => [c.name, c.state]).sort(),
    [[nameB, 'running'], [nameM1, 'running'], [nameM2, 'running']]);
});
