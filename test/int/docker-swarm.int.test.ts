import test from 'ava';
import type { DaemonProc } from '../support/daemon-harness.js';
import { docker, dropPrefix, eventually, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import type { ClusterRow } from '../support/int-docker.js';
import { clusterRows, IMAGE, LOCAL, LOCAL_ENGINE, psRows, run } from '../support/int-docker.js';

// Swarm emits no task events: berth polls the manager every 5 s, so every wait is generous.
const WAIT = 90_000;

/** What the model's swarm cluster says about one service. */
const serviceView = (clusters: readonly ClusterRow[], name: string) => {
  const cluster = clusters.find((c) => c.kind === 'swarm' && c.services.some((s) => s.name === name));
  const service = cluster?.services.find((s) => s.name === name);
  if (!cluster || !service) return undefined;
  const tasks = cluster.tasks.filter((x) => x.serviceId === service.serviceId);
  const running = tasks.filter((x) => x.state === 'running');
  return { cluster, service, running, runningContainers: running.map((x) => x.containerId).filter((x): x is string => x !== null).sort() };
};

test.serial('a Swarm service scaled up and down shows up as a cluster with its tasks', async (t) => {
  t.timeout(175_000);
  const prefix = uniquePrefix();
  const svc = `${prefix}-svc`;
  let daemon: DaemonProc | undefined;
  t.teardown(async () => {
    await run('docker', ['service', 'rm', svc]);
    await daemon?.stop();
    await dropPrefix(prefix);
  });
  const swarm = await docker('info', '--format', '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}');
  t.is(swarm, 'active true', 'the lab engine is a swarm manager (docker-up.sh --swarm)');

  daemon = await startDaemon(prefix, ['--engine', LOCAL_ENGINE]);
  const serviceId = await docker('service', 'create', '--detach', '--no-resolve-image', '--name', svc, '--replicas', '2',
    '--container-label', `berth-test=${prefix}`, IMAGE, 'sleep', '3600');

  const two = await eventually('the cluster to list the service with 2 running tasks', async () => {
    const v = serviceView(await clusterRows(prefix), svc);
    return v?.service.replicas === 2 && v.runningContainers.length === 2 ? v : undefined;
  }, WAIT);
  t.is(two.service.serviceId, serviceId);
  t.like(two.service, { mode: 'replicated', image: IMAGE });
  t.is(two.cluster.managerHost, LOCAL);
  t.deepEqual(two.running.map((x) => x.desiredState), ['running', 'running']);

  // The task containers: in berth ps with their service, and members of the cluster.
  const tasks = await eventually('the 2 task containers running in berth ps', async () => {
    const mine = (await psRows(prefix)).filter((c) => c.swarm?.serviceId === serviceId && c.state === 'running');
    return mine.length === 2 ? mine : undefined;
  }, WAIT);
  t.deepEqual(tasks.map((c) => c.containerId).sort(), two.runningContainers);
  for (const c of tasks) {
    t.is(c.swarm?.serviceName, svc);
    t.is(c.host, LOCAL);
    t.is(c.labels['berth-test'], prefix);
  }
  const members = await eventually('the cluster to have the task containers as members', async () => {
    const v = serviceView(await clusterRows(prefix), svc);
    return v && tasks.every((c) => v.cluster.members.includes(c.name)) ? v.cluster.members : undefined;
  }, WAIT);
  t.true(tasks.every((c) => c.name.startsWith(`${svc}.`)), `task containers are named after the service: ${tasks.map((c) => c.name).join(', ')}`);
  t.true(members.length >= 2);

  await docker('service', 'scale', '--detach', `${svc}=3`);
  const three = await eventually('the cluster to follow the scale to 3', async () => {
    const v = serviceView(await clusterRows(prefix), svc);
    return v?.service.replicas === 3 && v.runningContainers.length === 3 ? v : undefined;
  }, WAIT);
  await eventually('the 3 running task containers in berth ps', async () => {
    const running = (await psRows(prefix)).filter((c) => c.swarm?.serviceId === serviceId && c.state === 'running').map((c) => c.containerId).sort();
    return JSON.stringify(running) === JSON.stringify(three.runningContainers);
  }, WAIT);

  await docker('service', 'scale', '--detach', `${svc}=1`);
  const one = await eventually('the cluster to follow the scale to 1', async () => {
    const v = serviceView(await clusterRows(prefix), svc);
    return v?.service.replicas === 1 && v.runningContainers.length === 1 ? v : undefined;
  }, WAIT);
  t.true(three.runningContainers.includes(one.runningContainers[0] as string), 'the remaining task is one of the three');
  await eventually('berth ps to show 1 running task container', async () => {
    const running = (await psRows(prefix)).filter((c) => c.swarm?.serviceId === serviceId && c.state === 'running').map((c) => c.containerId);
    return JSON.stringify(running) === JSON.stringify(one.runningContainers);
  }, WAIT);

  await docker('service', 'rm', svc);
  await eventually('the service to leave the cluster', async () => {
    const clusters = await clusterRows(prefix);
    const cluster = clusters.find((c) => c.clusterId === one.cluster.clusterId);
    return cluster !== undefined && !cluster.services.some((s) => s.serviceId === serviceId || s.name === svc)
      && !cluster.tasks.some((x) => x.serviceId === serviceId);
  }, WAIT);
});
