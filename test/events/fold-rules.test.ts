import test from 'ava';
import { fold } from '../../events/inventory.js';
import { clusterContainers, clustersOf, containersMatching, hostsOf, portsOf } from '../../events/queries.js';
import { containerFromInspect, engineFromInfo, swarmFromLists } from '../../events/translate/docker-inspect.js';
import {
  aClusterObserved, aContainerActivity, aContainerCreated, aContainerDestroyed, aContainerDied, aContainerExecRan, aContainerKilled,
  aContainerNetworkConnected, aContainerNetworkDisconnected, aContainerObserved, aContainerRenamed, aContainerStarted,
  aContainerStopped, aContainerVanished, aHostConnectionChanged, aHostObserved, aNetworkCreated, aNetworkRemoved,
  aPublishedPort, anUnrecognized, aDockerEngineInfo, t,
} from '../support/builders.js';
import { CORPUS_HOST, loadSnapshot, snapshotFiles } from '../support/corpus.js';
import { given } from '../support/spec.js';

const web8080 = aPublishedPort({ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' });

test('ContainerCreated records the name, the image and the created state', (t_) => {
  given().when(aContainerCreated({ containerId: 'c1', name: 'web', image: 'mini:latest', at: t(1) })).then((inv) => {
    const c = inv.containers.get('c1');
    t_.is(c?.name, 'web');
    t_.is(c?.image, 'mini:latest');
    t_.is(c?.state, 'created');
    t_.is(c?.createdAt, t(1));
    t_.is(c?.host, 'h1');
  });
});

test('an older event never overwrites newer state', (t_) => {
  given(aContainerCreated({ at: t(1) }), aContainerStarted({ at: t(3) }))
    .when(aContainerDied({ exitCode: 1, at: t(2) }), aContainerStopped({ at: t(2) }))
    .then((inv) => {
      const c = inv.containers.get('c1');
      t_.is(c?.state, 'running');
      t_.is(c?.exitCode, null);
      t_.is(c?.updatedAt, t(3));
    });
});

test('an older inspect never overwrites what a newer event said', (t_) => {
  given(aContainerCreated({ at: t(1) }), aContainerDied({ exitCode: 2, at: t(5) }))
    .when(aContainerObserved({ state: 'running', ports: [web8080], at: t(4) }))
    .then((inv) => {
      t_.is(inv.containers.get('c1')?.state, 'exited');
      t_.is(inv.containers.get('c1')?.exitCode, 2);
      t_.deepEqual(portsOf(inv), []);
    });
});

test('events at the same time are ordered by event id, not by arrival, and applying one twice changes nothing', (t_) => {
  const created = aContainerCreated({ at: t(1) });
  const started = aContainerStarted({ at: t(2), id: 'dk-a' });
  const died = aContainerDied({ exitCode: 3, at: t(2), id: 'dk-b' });
  given(created, started).when(died).then((once) => {
    given(created, died).when(started).then((swapped) => {
      given(created, started).when(died, died).then((twice) => {
        t_.is(once.containers.get('c1')?.state, 'exited');
        t_.deepEqual(swapped.containers, once.containers);
        t_.deepEqual(twice.containers, once.containers);
      });
    });
  });
});

test('ContainerDestroyed removes the container and is sticky against an older Observed or Started', (t_) => {
  given(aContainerCreated({ at: t(1) }), aContainerStarted({ at: t(2) }), aContainerDestroyed({ at: t(5) }))
    .when(aContainerObserved({ state: 'running', ports: [web8080], at: t(4) }), aContainerStarted({ at: t(3) }))
    .then((inv) => {
      t_.false(inv.containers.has('c1'));
      t_.true(inv.tombstones.has('container.c1'));
      t_.deepEqual(portsOf(inv), []);
    });
});

test('nothing after ContainerDestroyed brings the container back, not even a newer Observed', (t_) => {
  given(aContainerCreated({ at: t(1) }), aContainerDestroyed({ at: t(2) }))
    .when(aContainerObserved({ at: t(9) }), aContainerStarted({ at: t(9) }), aContainerNetworkConnected({ at: t(9) }))
    .then((inv) => {
      t_.deepEqual([...inv.containers.keys()], []);
    });
});

test('ContainerDestroyed of a container never seen still stops its late events', (t_) => {
  given(aContainerDestroyed({ containerId: 'ghost', at: t(2) }))
    .when(aContainerCreated({ containerId: 'ghost', at: t(1) }))
    .then((inv) => t_.false(inv.containers.has('ghost')));
});

test('ContainerVanished removes the container the way ContainerDestroyed does', (t_) => {
  given(aContainerObserved({ ports: [web8080], at: t(1) }))
    .when(aContainerVanished({ at: t(2) }), aContainerObserved({ at: t(1) }))
    .then((inv) => {
      t_.false(inv.containers.has('c1'));
      t_.deepEqual(portsOf(inv), []);
    });
});

test('an inspect publishes the ports of a running container', (t_) => {
  given().when(aContainerObserved({ containerId: 'c1', name: 'web', ports: [web8080], at: t(1) })).then((inv) => {
    t_.deepEqual(portsOf(inv).map((p) => [p.id, p.containerId, p.containerName, p.containerPort]), [['h1|0.0.0.0|8080/tcp', 'c1', 'web', 80]]);
  });
});

test('a port taken by a new holder is replaced, and the old holder leaving does not free it', (t_) => {
  given(
    aContainerObserved({ containerId: 'old', name: 'old', ports: [web8080], at: t(1) }),
    aContainerObserved({ containerId: 'new', name: 'new', ports: [web8080], at: t(2) }),
  )
    .when(aContainerDestroyed({ containerId: 'old', at: t(3) }))
    .then((inv) => {
      t_.deepEqual(portsOf(inv).map((p) => [p.hostPort, p.containerId, p.containerName]), [[8080, 'new', 'new']]);
      t_.false(inv.containers.has('old'));
    });
});

test('the old holder dying does not free a port a new holder took', (t_) => {
  given(
    aContainerObserved({ containerId: 'old', ports: [web8080], at: t(1) }),
    aContainerObserved({ containerId: 'new', ports: [web8080], at: t(2) }),
  )
    .when(aContainerDied({ containerId: 'old', at: t(3) }))
    .then((inv) => t_.deepEqual(portsOf(inv).map((p) => p.containerId), ['new']));
});

test('the same port number on another IP, protocol or host is a different port', (t_) => {
  given(
    aContainerObserved({ containerId: 'a', ports: [web8080, aPublishedPort({ hostIp: '::' })], at: t(1) }),
    aContainerObserved({ containerId: 'b', ports: [aPublishedPort({ protocol: 'udp' })], at: t(1) }),
  )
    .when(aContainerObserved({ containerId: 'c', host: 'h2', ports: [web8080], at: t(1) }))
    .then((inv) => {
      t_.is(portsOf(inv).length, 4);
      t_.deepEqual(portsOf(inv, { host: 'h1' }).map((p) => p.containerId).sort(), ['a', 'a', 'b']);
      t_.deepEqual(portsOf(inv, { host: 'h2' }).map((p) => p.containerId), ['c']);
    });
});

test('ContainerDied clears the ports and the health of the container', (t_) => {
  given(aContainerObserved({ ports: [web8080, aPublishedPort({ hostIp: '::' })], health: 'healthy', at: t(1) }))
    .when(aContainerDied({ exitCode: 137, at: t(2) }))
    .then((inv) => {
      t_.deepEqual(portsOf(inv), []);
      t_.deepEqual(inv.containers.get('c1')?.ports, []);
      t_.is(inv.containers.get('c1')?.health, null);
      t_.is(inv.containers.get('c1')?.exitCode, 137);
      t_.is(inv.containers.get('c1')?.finishedAt, t(2));
    });
});

test('ContainerStopped also clears the ports', (t_) => {
  given(aContainerObserved({ ports: [web8080], at: t(1) }))
    .when(aContainerStopped({ at: t(2) }))
    .then((inv) => {
      t_.deepEqual(portsOf(inv), []);
      t_.is(inv.containers.get('c1')?.state, 'exited');
    });
});

test('a port follows its holder through a rename', (t_) => {
  given(aContainerObserved({ name: 'web', ports: [web8080], at: t(1) }))
    .when(aContainerRenamed({ name: 'web2', oldName: 'web', at: t(2) }))
    .then((inv) => {
      t_.is(inv.containers.get('c1')?.name, 'web2');
      t_.deepEqual(portsOf(inv).map((p) => p.containerName), ['web2']);
    });
});

test('a renamed old holder does not take back a port a new holder took', (t_) => {
  given(
    aContainerObserved({ containerId: 'old', name: 'old', ports: [web8080], at: t(1) }),
    aContainerObserved({ containerId: 'new', name: 'new', ports: [web8080], at: t(2) }),
  )
    .when(aContainerRenamed({ containerId: 'old', name: 'older', at: t(3) }))
    .then((inv) => t_.deepEqual(portsOf(inv).map((p) => [p.containerId, p.containerName]), [['new', 'new']]));
});

test('a kill that the container ignores leaves it running and records the signal', (t_) => {
  given(aContainerStarted({ at: t(1) }))
    .when(aContainerKilled({ signal: 10, at: t(2) }))
    .then((inv) => {
      t_.is(inv.containers.get('c1')?.state, 'running');
      t_.is(inv.containers.get('c1')?.lastSignal, 10);
    });
});

test('network connect and disconnect track the attachments, idempotently', (t_) => {
  const ovl = { networkId: 'n2', networkName: 'ev-net' };
  given(aContainerCreated({ at: t(1) }), aContainerNetworkConnected({ at: t(2) }), aContainerNetworkConnected({ ...ovl, at: t(3) }))
    .when(aContainerNetworkDisconnected({ ...ovl, at: t(4) }), aContainerNetworkDisconnected({ ...ovl, at: t(4) }), aContainerNetworkConnected({ at: t(5) }))
    .then((inv) => t_.deepEqual(inv.containers.get('c1')?.networks, [{ name: 'bridge', networkId: 'n-bridge', ip: '' }]));
});

test('a container first heard of through a no-op event still takes an older event that says more', (t_) => {
  given(aContainerExecRan({ at: t(2) }), aContainerActivity({ action: 'attach', at: t(3) }))
    .when(aContainerCreated({ name: 'web', at: t(1) }))
    .then((inv) => {
      t_.is(inv.containers.get('c1')?.name, 'web');
      t_.is(inv.containers.get('c1')?.state, 'created');
      t_.is(inv.containers.get('c1')?.updatedAt, t(1));
    });
});

test('a container only heard of is listed as unknown, stamped with its newest mention', (t_) => {
  given(aContainerExecRan({ at: t(3) }))
    .when(aContainerExecRan({ phase: 'die', at: t(2) }), aContainerActivity({ at: t(4) }))
    .then((inv) => {
      t_.is(inv.containers.get('c1')?.state, 'unknown');
      t_.is(inv.containers.get('c1')?.updatedAt, t(4));
    });
});

test('a no-op event does not move a known container forward in time', (t_) => {
  given(aContainerCreated({ at: t(1) }), aContainerExecRan({ at: t(5) }))
    .when(aContainerStarted({ at: t(3) }))
    .then((inv) => {
      t_.is(inv.containers.get('c1')?.state, 'running');
      t_.is(inv.containers.get('c1')?.updatedAt, t(3));
    });
});

test('every container event makes its host known', (t_) => {
  given().when(aContainerStarted({ host: 'edge-1', at: t(1) })).then((inv) => {
    t_.deepEqual(hostsOf(inv).map((h) => [h.id, h.docker, h.reachable]), [['edge-1', null, true]]);
  });
});

test('HostObserved describes the engine and HostConnectionChanged flips reachable', (t_) => {
  const docker = aDockerEngineInfo({ name: 'vm', version: '20.10.24' });
  given(aHostObserved({ hostId: 'h1', docker, at: t(1) }))
    .when(aHostConnectionChanged({ hostId: 'h1', reachable: false, error: 'read ECONNRESET', at: t(2) }))
    .then((inv) => {
      t_.is(inv.hosts.get('h1')?.reachable, false);
      t_.is(inv.hosts.get('h1')?.lastError, 'read ECONNRESET');
      t_.deepEqual(inv.hosts.get('h1')?.docker, docker);
    });
  given(aHostObserved({ hostId: 'h1', at: t(1) }), aHostConnectionChanged({ hostId: 'h1', reachable: false, at: t(2) }))
    .when(aHostConnectionChanged({ hostId: 'h1', reachable: true, error: null, at: t(3) }))
    .then((inv) => {
      t_.is(inv.hosts.get('h1')?.reachable, true);
      t_.is(inv.hosts.get('h1')?.lastError, null);
    });
});

test('an older connection change does not overwrite a newer one', (t_) => {
  given(aHostObserved({ at: t(1) }), aHostConnectionChanged({ reachable: false, at: t(3) }))
    .when(aHostConnectionChanged({ reachable: true, error: null, at: t(2) }))
    .then((inv) => t_.is(inv.hosts.get('h1')?.reachable, false));
});

test('a host known only through its containers still takes the engine description', (t_) => {
  given(aContainerStarted({ host: 'h1', at: t(5) }))
    .when(aHostObserved({ hostId: 'h1', docker: aDockerEngineInfo({ version: '20.10.24' }), at: t(3) }))
    .then((inv) => t_.is(inv.hosts.get('h1')?.docker?.version, '20.10.24'));
});

test('an older engine description does not hide a newer loss of connection', (t_) => {
  given(aHostConnectionChanged({ hostId: 'h1', reachable: false, error: 'EOF', at: t(5) }))
    .when(aHostObserved({ hostId: 'h1', at: t(3) }))
    .then((inv) => {
      t_.is(inv.hosts.get('h1')?.reachable, false);
      t_.is(inv.hosts.get('h1')?.docker, null);
    });
});

test('networks are created, and their removal is sticky', (t_) => {
  given(aNetworkCreated({ networkId: 'n1', name: 'ev-net', at: t(1) }))
    .when(aNetworkRemoved({ networkId: 'n1', at: t(2) }), aNetworkCreated({ networkId: 'n1', name: 'ev-net', at: t(1) }))
    .then((inv) => {
      t_.false(inv.networks.has('n1'));
      t_.true(inv.tombstones.has('network.n1'));
    });
});

test('Unrecognized events are counted and change no entity', (t_) => {
  given(aContainerCreated({ at: t(1) })).when(anUnrecognized({ at: t(2) }), anUnrecognized({ at: t(3) })).then((inv) => {
    t_.is(inv.counters.unrecognized, 2);
    t_.is(inv.counters.events, 3);
    t_.is(inv.containers.size, 1);
  });
});

test('the stream sequence of recorded events is kept as lastSeq and on the entity', (t_) => {
  given(aContainerCreated({ seq: 7, at: t(1) })).when(aContainerStarted({ seq: 9, at: t(2) })).then((inv) => {
    t_.is(inv.counters.lastSeq, 9);
    t_.is(inv.containers.get('c1')?.seq, 9);
  });
});

test('containersMatching filters by host, state, labels and name', (t_) => {
  given(
    aContainerObserved({ containerId: 'a', name: 'web', labels: { app: 'web', tier: 'front' }, at: t(1) }),
    aContainerObserved({ containerId: 'b', name: 'db', labels: { app: 'db' }, state: 'exited', at: t(1) }),
  )
    .when(aContainerObserved({ containerId: 'c', name: 'web', host: 'h2', labels: { app: 'web' }, at: t(1) }))
    .then((inv) => {
      t_.deepEqual(containersMatching(inv, { labels: ['app=web'] }).map((c) => c.containerId), ['a', 'c']);
      t_.deepEqual(containersMatching(inv, { labels: ['app=web', 'tier'] }).map((c) => c.containerId), ['a']);
      t_.deepEqual(containersMatching(inv, { state: 'exited' }).map((c) => c.containerId), ['b']);
      t_.deepEqual(containersMatching(inv, { host: 'h2' }).map((c) => c.containerId), ['c']);
      t_.deepEqual(containersMatching(inv, { name: /^d/ }).map((c) => c.containerId), ['b']);
    });
});

/** The swarm of the snapshot: /info + /version, then /nodes, /services, /tasks. */
const snapshotCluster = () => {
  const engine = engineFromInfo(loadSnapshot('info.json'), loadSnapshot('version.json'), 'unix:///var/run/docker.sock', '1.41');
  return swarmFromLists(engine, CORPUS_HOST, {
    nodes: loadSnapshot('nodes.json'), services: loadSnapshot('services.json'), tasks: loadSnapshot('tasks.json'),
  });
};

test('the snapshot swarm has one manager node and the ev-svc service with 3 replicas on port 8081', (t_) => {
  const cluster = snapshotCluster();
  if (cluster === null) return t_.fail('swarmFromLists found no swarm in the snapshot');
  given().when(aClusterObserved({ cluster, host: CORPUS_HOST, at: t(1) })).then((inv) => {
    const [c] = clustersOf(inv);
    t_.is(c?.clusterId, 'qo1zcik427zs2dqg39m99x7zm');
    t_.deepEqual(c?.nodes.map((n) => [n.nodeId, n.role, n.leader]), [['1taqprqvo9uh5orexm46osed0', 'manager', true]]);
    const svc = c?.services.find((s) => s.name === 'ev-svc');
    t_.is(svc?.mode, 'replicated');
    t_.is(svc?.replicas, 3);
    t_.deepEqual(svc?.ports, [{ protocol: 'tcp', targetPort: 80, publishedPort: 8081, publishMode: 'ingress' }]);
    t_.deepEqual(c?.services.find((s) => s.name === 'ev-svc-host')?.ports.map((p) => [p.publishedPort, p.publishMode]), [[8082, 'host']]);
    t_.is(c?.tasks.length, 6);
    t_.is(c?.tasks.filter((x) => x.state === 'running').length, 4);
  });
});

test('a non-manager engine has no swarm to list', (t_) => {
  t_.is(swarmFromLists(aDockerEngineInfo({ swarm: null }), 'h1', { nodes: [], services: [], tasks: [] }), null);
  const worker = aDockerEngineInfo({ swarm: { nodeId: 'n', clusterId: 'c', state: 'active', controlAvailable: false } });
  t_.is(swarmFromLists(worker, 'h1', { nodes: [], services: [], tasks: [] }), null);
});

test('clusterContainers links the task containers observed from the snapshot, and only them', (t_) => {
  const cluster = snapshotCluster();
  if (cluster === null) return t_.fail('swarmFromLists found no swarm in the snapshot');
  const observed = snapshotFiles(/^container-inspect-ev-(svc|web|exited)/).map((f) => containerFromInspect(loadSnapshot(f)));
  const snapshots = observed.flatMap((c) => (c === null ? [] : [c]));
  t_.is(snapshots.length, 8);
  const inv = fold([
    aClusterObserved({ cluster, host: CORPUS_HOST, at: t(1) }),
    ...snapshots.map((container) => aContainerObserved({ container, host: CORPUS_HOST, at: t(1) })),
  ]);
  const [c] = clustersOf(inv);
  const linked = clusterContainers(inv, c!).map((x) => x.name).sort();
  t_.deepEqual(linked, [
    'ev-svc-host.1.bscsrkhb734wg8ogwre99amim', 'ev-svc.1.ug7x7979pnmxqng3rgmi1u7tt', 'ev-svc.1.vpqfa8db4wr3erjq8rq3u0s7o',
    'ev-svc.2.5do71tqq6pzvm0s9ble47c51v', 'ev-svc.2.x5qj47u5pa5iw047lqz0x2wku', 'ev-svc.3.l9m0qe2seebbnki9w4ptwq7d1',
  ]);
  const running = clusterContainers(inv, c!).filter((x) => x.swarm?.serviceName === 'ev-svc' && x.state === 'running');
  t_.is(running.length, 3);
  t_.deepEqual(portsOf(inv, { containerId: '967b893e28a504b4ac65bcd369626e937a90b8d8b32f132fd926d9e14d86d9db' }).map((p) => `${p.hostIp}:${p.hostPort}`).sort(), ['0.0.0.0:8082', ':::8082']);
});

test('a newer swarm observation replaces the members and an older one is ignored', (t_) => {
  given(aClusterObserved({ at: t(2), services: [] }))
    .when(aClusterObserved({ at: t(1) }))
    .then((inv) => t_.deepEqual(inv.clusters.get('cluster1')?.services, []));
});
