// A second daemon, started after a Magnum cluster exists, that reads only the OpenStack APIs: what
// its first snapshot records about the cluster (no notification of the create ever reaches it).
import type { ExecutionContext } from 'ava';
import type { ClusterRow } from '../../cli/lists/others.js';
import { dropPrefix, eventually, startDaemon, uniquePrefix } from './daemon-harness.js';
import { berthRows } from './os-berth.js';
import { berthClusterFacts, coeClusterFacts } from './os-facts.js';
import type { Json } from './os-facts.js';

const LAB_CLOUDS = process.env['BERTH_TEST_OS_CLOUDS'] ?? '/var/lib/stacklab/clouds.yaml';

type Ev = { type: string; data: Record<string, unknown> };

/**
 * Starts `berth daemon --openstack-api` (no Docker, no AMQP) on a prefix of its own, waits for its
 * snapshot of cloud `stacklab`, and checks that `berth clusters` there shows cluster `c` (its
 * `GET /v1/clusters/{id}`) as the API does, with `members`, recorded by the snapshot.
 */
export const apiSnapshotShowsCluster = async (t: ExecutionContext, c: Json, members: readonly string[], log: (s: string) => void): Promise<void> => {
  const prefix = uniquePrefix();
  const id = String(c['uuid']);
  process.env['OS_CLIENT_CONFIG_FILE'] ??= LAB_CLOUDS;
  const d = await startDaemon(prefix, ['--no-docker', '--openstack-api', '--os-cloud', 'stacklab', '--os-reconcile-interval', '3600'], /berth daemon running/);
  try {
    await eventually('the API daemon\'s first snapshot', async () => {
      if (d.child.exitCode !== null) throw new Error(`the API daemon exited: ${d.err()}`);
      return /OpenStack API snapshot of cloud 'stacklab'/.test(d.err());
    }, 240_000);
    log('API daemon: snapshot taken');
    const row = (await berthRows<ClusterRow[]>(prefix, ['clusters'])).find((x) => x.clusterId === id);
    if (row === undefined) return t.fail(`the API snapshot has no cluster ${id}: ${d.err().split('\n').filter((l) => /snapshot|warn|error/i.test(l)).join(' | ')}`);
    t.deepEqual(berthClusterFacts(row), coeClusterFacts(c), 'a daemon started after the create shows the cluster as the API does');
    t.deepEqual(row.members, members, 'and its members, the servers of its stack');
    const events = await berthRows<Ev[]>(prefix, ['events', '--kind', 'cluster', '--id', id]);
    t.deepEqual(events.map((e) => e.type), ['MagnumClusterObserved']);
    t.like(events[0]?.data, { action: 'snapshot', outcome: 'observed' });
  } finally {
    await d.stop();
    await dropPrefix(prefix);
  }
};
