import type { Stack } from '../../events/stack.js';
import type { Vm } from '../../events/vm.js';
import type { VmFilter } from '../../events/queries.js';
import { stacksOf, stateMatches, vmsMatching } from '../../events/queries.js';
import type { ModelView } from '../../daemon/query/client.js';
import type { Column } from '../output/columns.js';
import { HOST_WIDTH } from './format-cells.js';

export const vmColumns: Column<Vm>[] = [
  { id: 'id', header: 'ID', get: (v) => v.vmId },
  { id: 'name', header: 'Name', get: (v) => v.name, width: 40 },
  { id: 'state', header: 'State', get: (v) => v.state },
  { id: 'task_state', header: 'Task', get: (v) => v.taskState ?? '' },
  { id: 'power_state', header: 'Power', get: (v) => v.powerState ?? '' },
  { id: 'host', header: 'Host', get: (v) => v.host ?? '', width: HOST_WIDTH },
  { id: 'node', header: 'Node', get: (v) => v.node ?? '' },
  { id: 'flavor', header: 'Flavor', get: (v) => v.flavor ?? '' },
  { id: 'project', header: 'Project', get: (v) => v.projectId ?? '' },
  { id: 'user', header: 'User', get: (v) => v.userId ?? '' },
  { id: 'az', header: 'AZ', get: (v) => v.availabilityZone ?? '' },
  { id: 'image', header: 'Image', get: (v) => v.imageId ?? '' },
  { id: 'addresses', header: 'Addresses', get: (v) => v.addresses.map((a) => (a.network ? `${a.network}=${a.address}` : a.address)), width: 60 },
  { id: 'fault', header: 'Fault', get: (v) => v.fault ?? '', width: 60 },
  { id: 'family', header: 'Format', get: (v) => v.family },
  { id: 'last_event', header: 'Last event', get: (v) => v.lastEventType },
  { id: 'created_at', header: 'Created', get: (v) => v.createdAt ?? '' },
  { id: 'updated_at', header: 'Updated', get: (v) => v.updatedAt },
];
export const vmDefaults = ['id', 'name', 'state', 'task_state', 'power_state', 'host', 'flavor', 'addresses'];

export const vmRows = (view: ModelView, f: VmFilter): Vm[] => vmsMatching(view, f);

export const stackColumns: Column<Stack>[] = [
  { id: 'id', header: 'ID', get: (s) => s.stackId },
  { id: 'name', header: 'Name', get: (s) => s.name, width: 50 },
  { id: 'status', header: 'Status', get: (s) => s.state || `${s.action}_${s.status}` },
  { id: 'action', header: 'Action', get: (s) => s.action },
  { id: 'reason', header: 'Reason', get: (s) => s.stateReason, width: 60 },
  { id: 'project', header: 'Project', get: (s) => s.projectId ?? '' },
  { id: 'created_at', header: 'Created', get: (s) => s.createdAt ?? '' },
  { id: 'updated_at', header: 'Updated', get: (s) => s.updatedAt },
];
export const stackDefaults = ['id', 'name', 'status', 'reason', 'updated_at'];

export const stackRows = (view: ModelView, f: Readonly<{ project?: string | undefined; name?: RegExp | undefined; state?: string | undefined }>): Stack[] =>
  stacksOf(view, f.project === undefined ? {} : { project: f.project })
    .filter((s) => (f.name === undefined || f.name.test(s.name)) && (f.state === undefined || stateMatches(s.state, f.state) || stateMatches(s.status, f.state)));
