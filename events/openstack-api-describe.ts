import type { FieldChange } from './field-diff.js';
import type { OpenStackApiEvent } from './openstack-api.js';

const show = (v: unknown): string => (v === null || v === undefined ? '-' : typeof v === 'string' ? v : JSON.stringify(v));

/** `state active→stopped, name a→b` (three changes at most, then `+N`). */
const changesOf = (changes: readonly FieldChange[]): string => {
  const shown = changes.slice(0, 3).map((c) => `${c.path} ${show(c.before)}→${show(c.after)}`);
  return shown.join(', ') + (changes.length > 3 ? ` +${changes.length - 3}` : '');
};

const short = (id: string): string => id.slice(0, 8);

/** One human line for an OpenStack API event (what `berth daemon` prints and `berth events` shows). */
export const summarizeApiEvent = (e: OpenStackApiEvent): string => {
  switch (e.type) {
    case 'VmObserved':
      return `vm ${e.data.vm.name || short(e.data.vm.vmId)} (${short(e.data.vm.vmId)}) ${e.data.api.status}${e.data.vm.host ? ` on ${e.data.vm.host}` : ''}${e.data.api.containerBacked ? ' [container-backed]' : ''} [api ${e.data.origin}]`;
    case 'VmDrifted':
      return `vm ${e.data.vm.name || short(e.data.vm.vmId)} (${short(e.data.vm.vmId)}) drifted: ${changesOf(e.data.changes)} [api ${e.data.origin}]`;
    case 'NeutronPortDrifted':
      return `port ${short(e.data.port.portId)} drifted: ${changesOf(e.data.changes)} [api ${e.data.origin}]`;
    case 'NetworkDrifted':
      return `network ${e.data.network.name || short(e.data.network.networkId)} drifted: ${changesOf(e.data.changes)} [api ${e.data.origin}]`;
    case 'StackDrifted':
      return `stack ${e.data.stack.name} drifted: ${changesOf(e.data.changes)} [api ${e.data.origin}]`;
    case 'MagnumClusterDrifted':
      return `magnum cluster ${e.data.cluster.name} drifted: ${changesOf(e.data.changes)} [api ${e.data.origin}]`;
    case 'ZunContainerObserved':
      return `zun container ${e.data.container.name || short(e.data.container.uuid)} (${short(e.data.container.uuid)}) ${e.data.container.status}${e.data.container.host ? ` on ${e.data.container.host}` : ''} [api ${e.data.origin}]`;
    case 'ZunContainerDrifted':
      return `zun container ${e.data.container.name || short(e.data.container.uuid)} drifted: ${changesOf(e.data.changes)} [api ${e.data.origin}]`;
    case 'HostServicesObserved': case 'HostServicesDrifted': {
      const s = e.data.services.services;
      const down = s.filter((x) => x.state !== 'up').map((x) => x.binary);
      return `host ${e.data.hostId}: ${s.length} OpenStack service(s)${down.length > 0 ? `, down: ${down.join(', ')}` : ', all up'}${e.type === 'HostServicesDrifted' ? ' (changed)' : ''} [api ${e.data.origin}]`;
    }
    case 'OpenStackEntityVanished':
      return `${e.data.entity} ${e.data.name || short(e.data.id)} (${short(e.data.id)}) gone: ${e.data.reason}`;
  }
};
