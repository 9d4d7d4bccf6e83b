import type { ClusterSnapshot } from '../../cluster.js';
import { arr, num, str } from '../json-access.js';
import type { Json } from '../json-access.js';

const strings = (x: unknown): string[] => arr(x).filter((s): s is string => typeof s === 'string');

/**
 * One cluster of `GET /v1/clusters/detail` (Magnum). `lastAction`/`lastOutcome` say what the
 * model heard last from notifications, and `managerHost` the host that sent them: a read of the
 * API keeps them from `prev` (the model's cluster), or says `observed` / `magnum-api`.
 */
export const apiClusterSnapshot = (c: Json, prev?: ClusterSnapshot): ClusterSnapshot => ({
  clusterId: str(c['uuid']),
  kind: 'magnum',
  name: str(c['name']),
  managerHost: prev?.managerHost ?? 'magnum-api',
  nodes: [],
  services: [],
  tasks: [],
  magnum: {
    status: str(c['status']),
    statusReason: str(c['status_reason']),
    stackId: str(c['stack_id']),
    projectId: str(c['project_id']) || null,
    masterCount: num(c['master_count']),
    nodeCount: num(c['node_count']),
    masterAddresses: strings(c['master_addresses']),
    nodeAddresses: strings(c['node_addresses']),
    apiAddress: str(c['api_address']),
    templateId: str(c['cluster_template_id']),
    lastAction: prev?.magnum?.lastAction ?? 'observed',
    lastOutcome: prev?.magnum?.lastOutcome ?? '',
  },
});
