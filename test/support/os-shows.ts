// After each step of the OpenStack lab tests: wait until berth (`berth vms/ports/stacks/clusters
// --json`, `berth get network`) shows what the OpenStack API's `show` shows now, then assert it.
import type { ExecutionContext } from 'ava';
import type { ClusterRow } from '../../cli/lists/others.js';
import type { Network } from '../../events/network.js';
import type { Port } from '../../events/port.js';
import type { Stack } from '../../events/stack.js';
import type { Vm } from '../../events/vm.js';
import { berthRows, berthRun, berthUntil, deadLetters } from './os-berth.js';
import { berthClusterFacts, berthPortFacts, berthStackFacts, coeClusterFacts, diff, neutronPortFacts, serverFacts, stackFacts, vmFacts } from './os-facts.js';
import type { Json } from './os-facts.js';
import { neutronShow } from './os-lab.js';
import { stackServers } from './os-orchestration.js';
import { osGet } from './os-rest.js';
import { readAllEvents } from './stream-reader.js';

/** The lab's one host (nova-compute, publisher ids). */
export const LAB_HOST = 'stacklab';
/** How long berth may lag behind OpenStack once OpenStack has settled. */
export const LAG = 60_000;
const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/** A server as `GET /servers/{id}` shows it now (`sv` null: gone), and the step it is checked after. */
type ServerCheck = Readonly<{ id: string; sv: Json | null; step: string }>;

/** Waits until one `berth vms` run shows every server as the API does (gone ones absent). */
export const vmsShow = async (t: ExecutionContext, prefix: string, checks: readonly ServerCheck[]): Promise<void> => {
  // Gone ones are looked for in the whole list, present ones by the test's name prefix.
  const args = checks.some((c) => c.sv === null) ? ['vms'] : ['vms', '--name', `^${prefix}-`];
  const steps = checks.map((c) => c.step).join(', ');
  const got = await berthUntil(`${steps}: berth vms to show ${checks.length} server(s) as the API does`, async () => {
    const vms = await berthRows<Vm[]>(prefix, args);
    const problems = checks.flatMap((c) => {
      const v = vms.find((x) => x.vmId === c.id);
      if (c.sv === null) return v === undefined ? [] : [`${c.step}: VM ${c.id} is still in berth vms`];
      if (v === undefined) return [`${c.step}: VM ${c.id} is not in berth vms`];
      return diff(vmFacts(v), serverFacts(c.sv)).map((d) => `${c.step}: ${d}`);
    });
    if (problems.length > 0) throw new Error(problems.join('; '));
    return vms;
  }, LAG, prefix);
  for (const c of checks) {
    const v = got.find((x) => x.vmId === c.id);
    if (c.sv === null) t.is(v, undefined, c.step);
    else t.deepEqual(v === undefined ? undefined : vmFacts(v), serverFacts(c.sv), c.step);
  }
};
export const vmShows = async (t: ExecutionContext, prefix: string, id: string, sv: Json | null, step: string): Promise<void> => vmsShow(t, prefix, [{ id, sv, step }]);

/** Waits until `berth ports` shows the Neutron port as `GET /v2.0/ports/{id}` does (gone included). */
export const portShows = async (t: ExecutionContext, prefix: string, id: string, step: string): Promise<Port | null> => {
  const p = await neutronShow('port', id);
  if (p === null) {
    await berthUntil(`${step}: port ${id} to leave berth ports`, async () => !(await berthRows<Port[]>(prefix, ['ports'])).some((x) => x.id === id), LAG, prefix);
    t.pass(step);
    return null;
  }
  const want = neutronPortFacts(p);
  const got = await berthUntil(`${step}: berth ports to show port ${id} as the API does`, async () => {
    const x = (await berthRows<Port[]>(prefix, ['ports'])).find((y) => y.id === id);
    if (x === undefined) throw new Error(`port ${id} is not in berth ports`);
    const d = diff(berthPortFacts(x), want);
    if (d.length > 0) throw new Error(d.join('; '));
    return x;
  }, LAG, prefix);
  t.deepEqual(berthPortFacts(got), want, step);
  return got;
};

/** Waits until `berth get network` shows the network's name, or that it is gone. */
export const networkShows = async (t: ExecutionContext, prefix: string, id: string, step: string): Promise<void> => {
  const n = await neutronShow('network', id);
  if (n === null) {
    await berthUntil(`${step}: network ${id} to leave the model`, async () => {
      const r = await berthRun(prefix, ['get', 'network', id]);
      return r.code !== 0 && /not in the model/.test(r.stderr + r.stdout);
    }, LAG, prefix);
    t.pass(step);
    return;
  }
  const got = await berthUntil(`${step}: berth get network to show ${id} named ${str(n['name'])}`, async () => {
    const x = await berthRows<Network>(prefix, ['get', 'network', id]);
    return x.name === n['name'] ? x : undefined;
  }, LAG, prefix);
  t.like(got, { networkId: id, name: str(n['name']), driver: 'neutron' }, step);
};

/** Waits until `berth stacks` shows the stack as `GET /stacks/{name}/{id}` does (gone included). */
export const stackShows = async (t: ExecutionContext, prefix: string, id: string, st: Json | null, step: string): Promise<void> => {
  if (st === null || st['stack_status'] === 'DELETE_COMPLETE') {
    await berthUntil(`${step}: stack ${id} to leave berth stacks`, async () => !(await berthRows<Stack[]>(prefix, ['stacks'])).some((s) => s.stackId === id), LAG, prefix);
    t.pass(step);
    return;
  }
  const want = stackFacts(st);
  const got = await berthUntil(`${step}: berth stacks to show stack ${id} as the API does`, async () => {
    const s = (await berthRows<Stack[]>(prefix, ['stacks', '--name', `^${prefix}-`])).find((x) => x.stackId === id);
    if (s === undefined) throw new Error(`stack ${id} is not in berth stacks`);
    const d = diff(berthStackFacts(s), want);
    if (d.length > 0) throw new Error(d.join('; '));
    return s;
  }, LAG, prefix);
  t.deepEqual(berthStackFacts(got), want, step);
};

/**
 * Every notification the lab sent decoded (none dead-lettered); the lab's that berth could not
 * place are listed. Other tests publish to the same exchanges (poison included), so this queue
 * gets theirs too: only the lab's (`stacklab` in the body: publisher ids, hosts) are judged.
 */
export const noDeadLetters = async (t: ExecutionContext, prefix: string): Promise<void> => {
  const dlq = await deadLetters(prefix);
  const lab = dlq.filter((l) => (l.head ?? '').includes(LAB_HOST));
  t.deepEqual(lab.map((l) => l.reason), [], 'no notification of the lab was dead-lettered');
  if (dlq.length > lab.length) t.log(`${dlq.length - lab.length} dead letter(s) from other publishers on the same exchanges (other tests)`);
  const unrecognized = (await readAllEvents(prefix)).flatMap((e) => (e.type === 'Unrecognized' && e.source.host === LAB_HOST ? [e.data.reason] : []));
  if (unrecognized.length > 0) t.log(`Unrecognized from the lab: ${[...new Set(unrecognized)].join('; ')}`);
};

/** Both settled; then the first failure, if any (a track that failed must not leave the other running into the cleanup). */
export const both = async <A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> => {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
};

/** `berth clusters` row of a cluster once `ok` holds for it. */
export const clusterRow = async (prefix: string, id: string, what: string, ok: (c: ClusterRow) => boolean): Promise<ClusterRow> =>
  berthUntil(what, async () => (await berthRows<ClusterRow[]>(prefix, ['clusters', '--name', `^${prefix}-`])).find((c) => c.clusterId === id && ok(c)), LAG, prefix);

/** Waits until `berth clusters` shows the cluster as `GET /v1/clusters/{id}` does, members included, and `berth vms`/`stacks` its servers and stack. */
export const clusterShows = async (t: ExecutionContext, prefix: string, c: Json, step: string): Promise<{ row: ClusterRow; serverIds: string[] }> => {
  const id = str(c['uuid']);
  const want = coeClusterFacts(c);
  // The API's side first: the cluster's stack and the servers of it and its nested stacks.
  const stack = await osGet<{ stack: Json }>('orchestration', `/stacks/${str(c['stack_id'])}`);
  if (stack === null) throw new Error(`${step}: the cluster's stack ${str(c['stack_id'])} does not exist`);
  const ref = { name: str(stack.stack['stack_name']), id: str(c['stack_id']) };
  const servers = await stackServers(ref);
  const members = servers.map((s) => s.name);
  t.is(members.length, Number(c['master_count']) + Number(c['node_count']), `${step}: one server per master and node`);
  const row = await clusterRow(prefix, id, `${step}: berth clusters to show cluster ${id} as the API does, with members ${JSON.stringify(members)}`, (x) => {
    const d = diff(berthClusterFacts(x), want);
    if (d.length > 0) throw new Error(d.join('; '));
    if (JSON.stringify(x.members) !== JSON.stringify(members)) throw new Error(`members ${JSON.stringify(x.members)}`);
    return true;
  });
  t.deepEqual(berthClusterFacts(row), want, step);
  t.deepEqual(row.members, members, `${step}: members are the servers of the cluster's stack`);
  // The member VMs themselves, and the cluster's Heat stack, as the API shows them.
  await both(
    vmsShow(t, prefix, servers.map((s) => ({ id: s.id, sv: s.show, step: `${step}: member ${s.name}` }))),
    stackShows(t, prefix, ref.id, stack.stack, `${step}: the cluster's stack`),
  );
  return { row, serverIds: servers.map((s) => s.id) };
};
