// Against the real OpenStack lab (../shared/lab/openstack, already up; `up.sh` brings it up):
// with the daemon following its notifications, drive a Magnum cluster over the OpenStack REST APIs
// (template, create, scale, delete), and after each step check that berth shows what the API's
// `show` shows. Once the cluster exists, a second daemon reading only the APIs shows it too.
// Servers, networks, ports and Heat stacks: openstack-lab.int.test.ts (apart, so the two run at once).
import test from 'ava';
import type { ClusterRow } from '../../cli/lists/others.js';
import { apiSnapshotShowsCluster } from '../support/os-api-snapshot.js';
import { berthRows, berthUntil } from '../support/os-berth.js';
import type { Json } from '../support/os-facts.js';
import { LabDaemon, READY_MS, stamped } from '../support/os-lab-daemon.js';
import { serverShow } from '../support/os-lab.js';
import {
  clusterShow, createCluster, createClusterTemplate, deleteCluster, deleteClusterTemplate, stackShow, updateCluster, waitCluster,
} from '../support/os-orchestration.js';
import { osGet } from '../support/os-rest.js';
import { clusterRow, clusterShows, LAG, noDeadLetters, stackShows, vmsShow } from '../support/os-shows.js';

const str = (x: unknown): string => (typeof x === 'string' ? x : '');

// ----------------------------------------------------------------------------------- Magnum, begun first

const TEMPLATE_FIELDS = {
  coe: 'kubernetes', image_id: 'stacklab-fedora-coreos', external_network_id: 'stacklab-public', keypair_id: 'stacklab-key',
  flavor_id: 'm1.tiny', master_flavor_id: 'm1.tiny', network_driver: 'flannel', docker_storage_driver: 'overlay2',
  floating_ip_enabled: false, dns_nameserver: '192.0.2.1',
};

type MagnumCreated = Readonly<{ id: string; tplName: string; created: Json | null; inProgress: ClusterRow }>;

/** Where the Magnum flow logs: kept until its test runs, then that test's log. */
const magnumLines: string[] = [];
let magnumSink: (s: string) => void = (s) => { magnumLines.push(s); };
const magnumLab = new LabDaemon(stamped((s) => { magnumSink(s); }));

/**
 * The Magnum cluster's create, up to its end: template (no notification; while the daemon
 * starts), create, berth showing it in progress, and its stack's deployments signalled until
 * Magnum says CREATE_COMPLETE (or it fails).
 */
const createMagnumCluster = async (): Promise<MagnumCreated> => {
  const lab = magnumLab;
  const tplName = `${lab.prefix}-k8s-template`;
  await lab.start({ compute: true, l2Agent: true, heat: true, magnum: true }, async () => {
    lab.cleanup.add(`cluster template ${tplName}`, () => deleteClusterTemplate(tplName));
    await createClusterTemplate(tplName, TEMPLATE_FIELDS);
  });
  const name = `${lab.prefix}-cluster`;
  let id = '';
  lab.cleanup.add(`cluster ${name}`, async () => {
    // (By name when the create's answer never came.) Magnum refuses to delete a cluster in the
    // middle of an operation: let that end first.
    const ident = id === '' ? name : id;
    if (await waitCluster(ident, undefined, 330_000, lab.log) === null) return;
    await deleteCluster(ident);
    await waitCluster(ident, 'DELETE', 240_000, lab.log);
  });
  // create_timeout (minutes) bounds the stack if signalling ever stops working: the cluster then
  // fails. (On an idle machine the create takes about a minute; on a busy one, several.)
  id = await createCluster({ name, cluster_template_id: tplName, master_count: 1, node_count: 1, create_timeout: 5 });
  lab.log(`create accepted: ${id}`);
  const [created, inProgress] = await Promise.all([
    waitCluster(id, 'CREATE', 330_000, lab.log),
    clusterRow(lab.prefix, id, 'berth clusters to show the create in progress', (x) => x.magnum?.status === 'CREATE_IN_PROGRESS'),
  ]);
  lab.log(`create: ${str(created?.['status'])}`);
  return { id, tplName, created, inProgress };
};

let magnumCreate: Promise<MagnumCreated> = Promise.reject(new Error('the before hook did not begin the Magnum cluster'));
magnumCreate.catch(() => undefined);

// A cluster's create is a minute or more of Heat and Nova work, mostly waiting on their own
// polling and on Magnum's periodic sync: begun in the before hook (its daemon has its own prefix
// and queue), and the test takes it from there.
test.before(() => {
  magnumCreate = createMagnumCluster();
  magnumCreate.catch(() => undefined);
});
test.after.always(async () => magnumLab.teardown());


test.serial('a Magnum cluster: template, create (deployments signalled), scale to 2 nodes, delete; berth clusters follows the API', async (t) => {
  t.timeout(READY_MS + 1_200_000);
  for (const l of magnumLines.splice(0)) t.log(l);
  magnumSink = (s) => { t.log(s); };
  t.teardown(async () => { await magnumLab.teardown(); magnumSink = () => undefined; });
  const { prefix, log } = magnumLab;
  const { id, tplName, created: createdShow, inProgress } = await magnumCreate;
  t.is(inProgress.magnum?.status, 'CREATE_IN_PROGRESS', 'berth clusters showed the create in progress');
  let c = createdShow;
  if (c?.['status'] !== 'CREATE_COMPLETE') t.fail(`cluster create ended ${str(c?.['status'])}: ${str(c?.['status_reason'])}`);
  if (c === null) return;
  const created = await clusterShows(t, prefix, c, 'cluster created');
  log('berth shows the created cluster');
  t.is(created.row.members.length, 2);
  // A daemon that starts now, reading only the APIs, finds the cluster that existed before it.
  await apiSnapshotShowsCluster(t, c, created.row.members, log);

  await updateCluster(id, 'node_count', 2);
  log('update accepted');
  let updating: ClusterRow;
  [c, updating] = await Promise.all([
    waitCluster(id, 'UPDATE', 300_000, log),
    clusterRow(prefix, id, 'berth clusters to show the update accepted', (x) => x.magnum?.lastAction === 'update'),
  ]);
  // Magnum's update notification precedes the new node count: berth shows it once the update ends.
  t.like(updating.magnum, { status: 'UPDATE_IN_PROGRESS', lastOutcome: 'pending' }, 'berth clusters shows the update in progress');
  log(`update: ${str(c?.['status'])}`);
  if (c?.['status'] !== 'UPDATE_COMPLETE') t.fail(`cluster update ended ${str(c?.['status'])}: ${str(c?.['status_reason'])}`);
  if (c === null) return;
  t.is(c['node_count'], 2);
  const scaled = await clusterShows(t, prefix, c, 'cluster scaled to 2 nodes');
  log('berth shows the scaled cluster');
  t.is(scaled.row.members.length, 3);
  const memberIds = scaled.serverIds;
  const stackId = str(c['stack_id']);
  const stackName = str((await osGet<{ stack: Json }>('orchestration', `/stacks/${stackId}`))?.stack['stack_name']);

  await deleteCluster(id);
  log('delete accepted');
  let deleting: ClusterRow;
  [c, deleting] = await Promise.all([
    waitCluster(id, 'DELETE', 240_000, log),
    clusterRow(prefix, id, 'berth clusters to show the delete accepted', (x) => x.magnum?.lastAction === 'delete'),
  ]);
  t.like(deleting.magnum, { status: 'DELETE_IN_PROGRESS', lastOutcome: 'pending' }, 'berth clusters shows the delete in progress');
  log(`delete: ${c === null ? 'gone' : str(c['status'])}`);
  t.is(c, null, 'the cluster is gone');
  t.is(await clusterShow(id), null);
  await berthUntil('the cluster to leave berth clusters', async () => !(await berthRows<ClusterRow[]>(prefix, ['clusters'])).some((x) => x.clusterId === id), LAG, prefix);
  t.pass('the cluster left berth clusters');
  const gone = await Promise.all(memberIds.map(async (vm) => ({ id: vm, sv: await serverShow(vm), step: `member ${vm} deleted with the cluster` })));
  await Promise.all([
    vmsShow(t, prefix, gone),
    (async () => stackShows(t, prefix, stackId, await stackShow({ name: stackName, id: stackId }), 'the cluster\'s stack deleted'))(),
    deleteClusterTemplate(tplName),
  ]);
  await noDeadLetters(t, prefix);
  log('done');
});
