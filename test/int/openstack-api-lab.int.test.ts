// The OpenStack API source against the real lab (../shared/lab/openstack): a snapshot of
// servers, ports and a Heat stack that existed before the daemon started (no --amqp: only the
// APIs can tell it), drift found after changes made while the daemon was stopped, a deletion
// found by a reconcile while it runs, and a restart that adds nothing. A Magnum cluster that existed
// before an API daemon started is checked in openstack-magnum.int.test.ts, which creates one anyway
// (a cluster takes minutes to create). Runs with ava.lab.config.js.
import { randomBytes } from 'node:crypto';
import test from 'ava';
import type { Port } from '../../events/port.js';
import type { Stack } from '../../events/stack.js';
import type { TraceLink } from '../../events/trace.js';
import type { Vm } from '../../events/vm.js';
import { openCloud } from '../../daemon/openstack/keystone.js';
import { berthJson, dropPrefix, eventually, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { LabResources, LAB_CLOUDS, LAB_UP } from './openstack-api-lab-resources.js';

type Ev = { type: string; data: Record<string, unknown> };
type Row = { id: string; health: string };

const p = `t${randomBytes(4).toString('hex')}`;
const cloud = openCloud({ cloud: 'stacklab', files: [LAB_CLOUDS], timeoutMs: 120_000 });
const lab = new LabResources(cloud, p);
const prefix = uniquePrefix();
let daemon: DaemonProc | undefined;

process.env['OS_CLIENT_CONFIG_FILE'] = LAB_CLOUDS;

test.after.always(async () => {
  await daemon?.stop();
  await lab.cleanup((s) => console.log(s));
  await cloud.close();
  await dropPrefix(prefix);
});

const events = async (kind: string, id: string): Promise<Ev[]> => berthJson<Ev[]>(prefix, ['events', '--kind', kind, '--id', id]);
const types = async (kind: string, id: string): Promise<string[]> => (await events(kind, id)).map((e) => e.type);

/** A daemon that reads the APIs only (no Docker, no AMQP), waiting until its first read is recorded. */
const start = async (interval: number): Promise<DaemonProc> => {
  const d = await startDaemon(prefix, ['--no-docker', '--openstack-api', '--os-cloud', 'stacklab', '--os-reconcile-interval', String(interval)], /berth daemon running/);
  await eventually('the first read of the APIs', async () => {
    if (d.child.exitCode !== null) throw new Error(`daemon exited: ${d.err()}`);
    return /OpenStack API snapshot of cloud 'stacklab'/.test(d.err());
  }, 240_000);
  return d;
};

test.serial('a snapshot shows the servers, ports, stack and host services that existed before the daemon started', async (t) => {
  try {
    await cloud.token();
  } catch (err) {
    t.fail(`the OpenStack lab does not answer (${(err as Error).message}); bring it up with: ${LAB_UP}`);
    return;
  }
  await lab.create();
  daemon = await start(3600);
  const vms = await berthJson<Vm[]>(prefix, ['vms']);
  t.like(vms.find((v) => v.vmId === lab.vm), { name: `${p}-vm`, state: 'active', powerState: 'running', host: 'stacklab', flavor: 'm1.tiny', lastEventType: 'api.snapshot', api: { status: 'ACTIVE', hypervisorType: 'fake', containerBacked: false } });
  const ports = await berthJson<Port[]>(prefix, ['ports']);
  for (const id of [lab.port1, lab.port2]) t.like(ports.find((x) => x.id === id), { kind: 'neutron', neutron: { networkId: lab.net, status: 'DOWN', adminStateUp: true } });
  const stacks = await berthJson<Stack[]>(prefix, ['stacks']);
  t.like(stacks.find((s) => s.stackId === lab.stack), { name: `${p}-stack`, state: 'CREATE_COMPLETE' });
  t.deepEqual(await types('vm', lab.vm), ['VmObserved']);
  t.like((await events('vm', lab.vm))[0]?.data, { origin: 'snapshot' });
  const hosts = await berthJson<Row[]>(prefix, ['hosts']);
  t.regex(hosts.find((h) => h.id === 'stacklab')?.health ?? '', /^\d+ up$|down: /);
  const trace = await berthJson<{ links: TraceLink[] }>(prefix, ['trace', 'host', 'stacklab']);
  t.like(trace.links.find((l) => l.id === 'nova-compute@stacklab'), { relation: 'runs service', kind: 'service' });
  t.true(trace.links.some((l) => l.relation === 'runs' && l.id === lab.vm));
  t.notRegex(`${daemon.out()}${daemon.err()}`, /stacklab-admin/);
});

test.serial('changes made while the daemon was stopped are found on restart: drift, and a deleted port vanishes', async (t) => {
  await daemon?.stop();
  await lab.stopServer();
  await lab.renameServer(`${p}-vm-renamed`);
  await lab.deletePort1();
  await lab.disablePort2();
  daemon = await start(5);
  const vmEvents = await events('vm', lab.vm);
  t.deepEqual(vmEvents.map((e) => e.type), ['VmObserved', 'VmDrifted']);
  const paths = (vmEvents[1]?.data['changes'] as { path: string }[]).map((c) => c.path);
  for (const f of ['name', 'state', 'powerState']) t.true(paths.includes(f), `${f} in ${paths.join(',')}`);
  const vm = (await berthJson<Vm[]>(prefix, ['vms'])).find((v) => v.vmId === lab.vm);
  const api = await lab.server();
  t.like(vm, { name: api['name'] as string, state: api['OS-EXT-STS:vm_state'] as string, powerState: 'shutdown', api: { status: 'SHUTOFF' } });
  t.deepEqual(await types('port', lab.port1), ['NeutronPortObserved', 'OpenStackEntityVanished']);
  t.like((await events('port', lab.port1))[1]?.data, { entity: 'port', origin: 'snapshot' });
  t.deepEqual(await types('port', lab.port2), ['NeutronPortObserved', 'NeutronPortDrifted']);
  const ports = await berthJson<Port[]>(prefix, ['ports']);
  t.false(ports.some((x) => x.id === lab.port1));
  t.like(ports.find((x) => x.id === lab.port2), { neutron: { adminStateUp: false } });
});

test.serial('a reconcile while the daemon runs finds a stack deleted behind its back', async (t) => {
  await lab.deleteStack();
  await eventually('the stack gone from berth stacks', async () => !(await berthJson<Stack[]>(prefix, ['stacks'])).some((s) => s.stackId === lab.stack), 120_000);
  const stackEvents = await events('stack', lab.stack);
  t.is(stackEvents[0]?.type, 'StackChanged');
  t.like(stackEvents.at(-1), { type: 'OpenStackEntityVanished', data: { entity: 'stack', origin: 'reconcile' } });
});

test.serial('a restart with nothing changed records nothing new about them', async (t) => {
  const before = await Promise.all([events('vm', lab.vm), events('port', lab.port2), events('network', lab.net)]);
  await daemon?.stop();
  daemon = await start(3600);
  const after = await Promise.all([events('vm', lab.vm), events('port', lab.port2), events('network', lab.net)]);
  t.deepEqual(after.map((l) => l.length), before.map((l) => l.length));
});
