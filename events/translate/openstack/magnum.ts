import type { ClusterSnapshot, MagnumClusterFacts } from '../../cluster.js';
import type { OpsEvent } from '../../ops-event.js';
import type { CanonicalTime } from '../../time.js';
import { arr, num, obj, str } from '../json-access.js';
import type { Json } from '../json-access.js';
import type { OsloMessage } from '../oslo-envelope.js';
import { notified, osBase, publisherHost, serviceSubject } from './common.js';

const strings = (x: unknown): string[] => arr(x).filter((s): s is string => typeof s === 'string');

/** CADF actions whose `pending` notification means the cluster is now `<ACTION>_IN_PROGRESS`. */
const PENDING_ACTIONS = new Set(['create', 'update', 'delete']);

/**
 * The cluster's status. A `pending` create/update/delete means `<ACTION>_IN_PROGRESS`: magnum's
 * conductor sends the update and delete ones before it sets that status, so their `status` is
 * still the old one (`CREATE_COMPLETE`), and nothing else is sent until the operation ends.
 */
const statusOf = (c: Json, action: string, outcome: string): string =>
  outcome === 'pending' && PENDING_ACTIONS.has(action) ? `${action.toUpperCase()}_IN_PROGRESS` : str(c['status']);

const magnumFacts = (c: Json, action: string, outcome: string): MagnumClusterFacts => ({
  status: statusOf(c, action, outcome),
  statusReason: str(c['status_reason']),
  stackId: str(c['stack_id']),
  projectId: str(c['project_id']) || null,
  masterCount: num(c['master_count']),
  nodeCount: num(c['node_count']),
  masterAddresses: strings(c['master_addresses']),
  nodeAddresses: strings(c['node_addresses']),
  apiAddress: str(c['api_address']),
  templateId: str(c['cluster_template_id']),
  lastAction: action,
  lastOutcome: outcome,
});

/**
 * Magnum CADF `magnum.cluster.<create|update|delete>` (outcome `pending`/`success`/`failure`).
 * The cluster is `payload.target.id` with its fields in the `cluster_data` attachment; without
 * that attachment `target.id` is a random uuid, so the event is kept as `OpenStackNotified` only.
 * A successful delete removes the cluster.
 */
export const translateMagnum = (m: OsloMessage, payload: unknown, observedAt: CanonicalTime): OpsEvent[] => {
  const p = obj(payload);
  const b = osBase(m, observedAt, null);
  const target = obj(p['target']);
  const action = str(p['action']) || (m.eventType.split('.')[2] ?? '');
  const outcome = str(p['outcome']);
  const attachment = arr(target['attachments']).map(obj).find((a) => str(a['name']) === 'cluster_data');
  const clusterId = str(target['id']);
  if (attachment === undefined || clusterId === '') return [notified(b, m, serviceSubject(m), null)];
  const subject = { kind: 'cluster' as const, id: clusterId };
  const name = str(target['name']);
  if (action === 'delete' && outcome === 'success') {
    return [{ ...b, v: 1, type: 'MagnumClusterDeleted', subject, data: { clusterId, name } }];
  }
  const cluster: ClusterSnapshot = {
    clusterId, kind: 'magnum', name, managerHost: publisherHost(m.publisherId) ?? m.publisherId,
    nodes: [], services: [], tasks: [], magnum: magnumFacts(obj(obj(attachment)['content']), action, outcome),
  };
  return [{ ...b, v: 1, type: 'MagnumClusterObserved', subject, data: { cluster, action, outcome } }];
};
