// The OpenStack API source against a fake Zun (Zun and Kuryr are not packaged with the lab; the
// fake follows the Zun API reference: test/support/fake-zun.ts), with the real Docker engine for
// the Docker twin `zun-<uuid>` of a Zun container, and the real NATS. Credentials come from OS_*
// variables (no clouds.yaml).
import { randomUUID } from 'node:crypto';
import test from 'ava';
import type { Container } from '../../events/container.js';
import type { TraceLink } from '../../events/trace.js';
import { berthJson, dropPrefix, eventually, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { DEFAULT_USER } from '../support/fake-keystone.js';
import { startFakeZun } from '../support/fake-zun.js';
import type { FakeZun } from '../support/fake-zun.js';
import { engineUp, IMAGE, LOCAL_ENGINE, run } from '../support/int-docker.js';
import type { HostRow } from '../support/int-docker.js';

type Ev = { type: string; data: Record<string, unknown> };
type Row = HostRow & { health: string };

let zun: FakeZun | undefined;
let daemon: DaemonProc | undefined;
let prefix = '';
const twin = `zun-${randomUUID()}`;
const saved = { ...process.env };

test.after.always(async () => {
  await daemon?.stop();
  await run('docker', ['rm', '-f', twin]);
  await zun?.close();
  if (prefix !== '') await dropPrefix(prefix);
  for (const k of Object.keys(process.env)) if (k.startsWith('OS_') && !(k in saved)) delete process.env[k];
});

const events = async (kind: string, id: string): Promise<Ev[]> => berthJson<Ev[]>(prefix, ['events', '--kind', kind, '--id', id]);

test.serial('Zun containers are observed, linked to their Docker twins, and reconciled when they change behind berth\'s back', async (t) => {
  if (!(await engineUp())) t.fail('the Docker engine does not answer: bring it up with ../shared/lab/docker-up.sh');
  const hostname = (await run('docker', ['info', '--format', '{{.Name}}'])).stdout.trim();
  const [z1, z2, z3] = [twin.slice(4), randomUUID(), randomUUID()] as [string, string, string];
  const port = randomUUID();
  zun = await startFakeZun({ pageSize: 2 });
  zun.computes.set(hostname, 'up');
  zun.containers.set(z1, { uuid: z1, name: 'web-z1', host: hostname, addresses: { [randomUUID()]: [{ addr: '10.20.0.5', port }] } });
  zun.containers.set(z2, { uuid: z2, name: 'web-z2', host: hostname, status: 'Stopped' });
  zun.containers.set(z3, { uuid: z3, name: 'web-z3', host: hostname });
  t.is((await run('docker', ['run', '-d', '--name', twin, IMAGE, 'sleep', '600'])).code, 0);

  prefix = uniquePrefix();
  delete process.env['OS_CLOUD'];
  Object.assign(process.env, {
    OS_AUTH_URL: zun.keystone.authUrl, OS_USERNAME: 'admin', OS_PASSWORD: DEFAULT_USER.password, OS_PROJECT_NAME: 'admin',
    OS_USER_DOMAIN_NAME: 'Default', OS_PROJECT_DOMAIN_NAME: 'Default',
  });
  daemon = await startDaemon(prefix, ['--openstack-api', '--os-reconcile-interval', '2', '--engine', LOCAL_ENGINE], /OpenStack API snapshot of cloud 'envvars'/);

  const ps = async (): Promise<Container[]> => berthJson<Container[]>(prefix, ['ps']);
  const seen = await eventually('the three Zun containers in berth ps', async () => {
    const rows = await ps();
    return [z1, z2, z3].every((z) => rows.some((c) => c.containerId === z)) && rows;
  });
  t.like(seen.find((c) => c.containerId === z1), { name: 'web-z1', host: hostname, state: 'running', zun: { status: 'Running', imageDriver: 'docker' } });
  t.like(seen.find((c) => c.containerId === z2), { state: 'exited' });
  t.true(zun.keystone.calls.some((c) => c.includes('marker=')), 'the listing was paged with limit/marker and followed `next`');

  const trace = await eventually('the Docker twin in the trace of the Zun container', async () => {
    const r = await berthJson<{ links: TraceLink[] }>(prefix, ['trace', 'container', z1]);
    return r.links.some((l) => l.relation === 'runs as Docker container') && r.links;
  });
  t.like(trace.find((l) => l.relation === 'runs as Docker container'), { kind: 'container', name: twin });
  t.like(trace.find((l) => l.relation === 'has Neutron port (Zun)'), { id: port, name: '10.20.0.5' });
  const docker = (await ps()).find((c) => c.name === twin);
  const back = await berthJson<{ links: TraceLink[] }>(prefix, ['trace', 'container', docker?.containerId ?? 'missing']);
  t.true(back.links.some((l) => l.relation === 'is Zun container' && l.id === z1));
  const row = await eventually('the Zun host in berth hosts', async () => (await berthJson<Row[]>(prefix, ['hosts'])).find((h) => h.id === hostname && h.health === '1 up'));
  t.like(row.services?.zun, { hostname, totalContainers: 3 });

  // Behind berth's back: z2 starts, z3 is deleted, zun-compute goes down.
  zun.containers.set(z2, { uuid: z2, name: 'web-z2', host: hostname, status: 'Running' });
  zun.containers.delete(z3);
  zun.computes.set(hostname, 'down');
  await eventually('z2 running and z3 gone in berth ps', async () => {
    const rows = await ps();
    return rows.find((c) => c.containerId === z2)?.state === 'running' && !rows.some((c) => c.containerId === z3);
  });
  t.deepEqual((await events('container', z2)).map((e) => e.type), ['ZunContainerObserved', 'ZunContainerDrifted']);
  const drift = (await events('container', z2))[1];
  t.deepEqual((drift?.data['changes'] as { path: string }[]).map((c) => c.path), ['status', 'statusDetail']);
  const z3events = await events('container', z3);
  t.deepEqual(z3events.map((e) => e.type), ['ZunContainerObserved', 'OpenStackEntityVanished']);
  t.like(z3events[1]?.data, { entity: 'container', origin: 'reconcile', reason: 'not listed by the Zun API on reconcile' });
  await eventually('zun-compute down in berth hosts', async () => (await berthJson<Row[]>(prefix, ['hosts'])).find((h) => h.id === hostname)?.health === 'down: zun-compute');

  // Unchanged reads add nothing: a few more intervals, the same events.
  const before = (await events('container', z1)).length;
  await new Promise((r) => setTimeout(r, 5000));
  t.is((await events('container', z1)).length, before);
  t.notRegex(`${daemon.out()}${daemon.err()}`, new RegExp(DEFAULT_USER.password.replace(/[!]/g, '\\$&')));
});
