import type { Cluster } from './cluster.js';
import type { Container } from './container.js';
import type { Host } from './host.js';
import type { Inventory } from './inventory.js';
import type { Port } from './port.js';
import type { Stack } from './stack.js';
import type { Vm } from './vm.js';

// Links the OpenStack APIs make: Zun and nova-docker twins, a host's OpenStack services (events/openstack-links.ts).
export { containerOfVm, dockerTwinOfZun, openStackHostOf, servicesSummary, zunOfDocker } from './openstack-links.js';

/** Filters the list commands share. All given ones must match. */
export type ContainerFilter = Readonly<{
  host?: string;
  state?: string;
  /** `key=value` (or just `key`) pairs that must all be present. */
  labels?: readonly string[];
  name?: RegExp;
}>;

const labelMatch = (labels: Readonly<Record<string, string>>, want: string): boolean => {
  const i = want.indexOf('=');
  if (i < 0) return Object.hasOwn(labels, want);
  return labels[want.slice(0, i)] === want.slice(i + 1);
};

/**
 * `a.localeCompare(b)`'s order (the lists' order), without building ICU's collator where the
 * answer is known: 10-15 ms of CPU the first time in a process, more than the rest of the sort
 * of a cold `berth vms`. Under the root or an English collation (no tailoring), strings made only
 * of `-./0-9a-z` compare as their code units do: each of those characters has its own primary
 * weight, in code-unit order (punctuation, then digits, then letters), with no accent or case
 * level to break a tie. Any other pair (capitals, `_`, `:`, non-ASCII), or another locale (Danish
 * sorts `aa` after `z`), goes to localeCompare. test/events/queries-order.test.ts checks this
 * against ICU for every string of up to three such characters.
 */
export const compareText = (a: string, b: string): number => {
  if (a === b) return 0;
  if (plainOrder() && plain(a) && plain(b)) return a < b ? -1 : 1;
  return a.localeCompare(b);
};

/** Only `-./0-9a-z`. */
export const plain = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x2d && c <= 0x39))) return false;
  }
  return true;
};

/** Whether a collation of this locale orders plain strings as their code units (see compareText). */
export const plainLocale = (locale: string | undefined): boolean => locale !== undefined && /^(?:und|en(?:-[A-Z]{2}|-\d{3})?)$/.test(locale);

let plainDefault: boolean | undefined;
// localeCompare's locale: Node's navigator.language is ICU's default locale, as V8's Intl resolves
// it (0.4 ms, against 10-15 for the collator itself).
const plainOrder = (): boolean => (plainDefault ??= plainLocale((globalThis as { navigator?: { language?: string } }).navigator?.language));

/** Builds the collator now where compareText will need it whatever the strings (a locale other than English). */
export const warmCompareText = (): void => {
  if (!plainOrder()) 'a'.localeCompare('b');
};

/** The containers' list order: by host, then name, then id. */
export const containerOrder = (a: Container, b: Container): number => compareText(a.host, b.host) || compareText(a.name, b.name) || compareText(a.containerId, b.containerId);

/** The VMs' list order: by host, then name, then id. */
export const vmOrder = (a: Vm, b: Vm): number => compareText(a.host ?? '', b.host ?? '') || compareText(a.name, b.name) || compareText(a.vmId, b.vmId);

/** Containers matching a filter, sorted by host then name. */
export const containersMatching = (inv: Pick<Inventory, 'containers'>, f: ContainerFilter = {}): Container[] =>
  [...inv.containers.values()]
    .filter((c) => (f.host === undefined || c.host === f.host)
      && (f.state === undefined || stateMatches(c.state, f.state))
      && (f.labels ?? []).every((l) => labelMatch(c.labels, l))
      && (f.name === undefined || f.name.test(c.name)))
    .sort(containerOrder);

/** Containers on one host. */
export const containersOnHost = (inv: Pick<Inventory, 'containers'>, hostId: string): Container[] =>
  containersMatching(inv, { host: hostId });

/** Published ports, optionally of one host or one container. */
export const portsOf = (inv: Pick<Inventory, 'ports'>, f: Readonly<{ host?: string; containerId?: string }> = {}): Port[] =>
  [...inv.ports.values()]
    .filter((p) => (f.host === undefined || p.host === f.host) && (f.containerId === undefined || p.containerId === f.containerId))
    .sort((a, b) => compareText(a.host, b.host) || a.hostPort - b.hostPort || compareText(a.hostIp, b.hostIp));

/** Hosts sorted by id. */
export const hostsOf = (inv: Pick<Inventory, 'hosts'>): Host[] => [...inv.hosts.values()].sort((a, b) => compareText(a.id, b.id));

/** Clusters sorted by name. */
export const clustersOf = (inv: Pick<Inventory, 'clusters'>): Cluster[] =>
  [...inv.clusters.values()].sort((a, b) => compareText(a.name, b.name) || compareText(a.clusterId, b.clusterId));

/** The containers that are tasks of a swarm cluster (linked by their swarm labels). */
export const clusterContainers = (inv: Pick<Inventory, 'containers'>, cluster: Cluster): Container[] => {
  const services = new Set(cluster.services.map((s) => s.serviceId));
  const tasks = new Set(cluster.tasks.map((t) => t.containerId).filter((x): x is string => x !== null));
  return [...inv.containers.values()].filter((c) => tasks.has(c.containerId) || (c.swarm !== null && services.has(c.swarm.serviceId)));
};

/** An id filter: the id itself, or a prefix of 3 characters or more (ids are long; tables show their start). */
export const idMatches = (id: string | null | undefined, ref: string): boolean => id !== null && id !== undefined && (id === ref || (ref.length >= 3 && id.startsWith(ref)));

/** A state filter, case aside (`--state ACTIVE`, as the openstack CLI prints it). */
export const stateMatches = (state: string | null | undefined, want: string): boolean => (state ?? '').toLowerCase() === want.toLowerCase();

/** Filters of `berth vms`. All given ones must match. */
export type VmFilter = Readonly<{ project?: string; host?: string; state?: string; az?: string; name?: RegExp }>;

/** VMs matching a filter, sorted by host then name. */
export const vmsMatching = (inv: Pick<Inventory, 'vms'>, f: VmFilter = {}): Vm[] =>
  [...inv.vms.values()]
    .filter((v) => (f.project === undefined || idMatches(v.projectId, f.project))
      && (f.host === undefined || v.host === f.host)
      && (f.state === undefined || stateMatches(v.state, f.state))
      && (f.az === undefined || v.availabilityZone === f.az)
      && (f.name === undefined || f.name.test(v.name)))
    .sort(vmOrder);

/** Heat stacks, optionally of one project, sorted by name. */
export const stacksOf = (inv: Pick<Inventory, 'stacks'>, f: Readonly<{ project?: string }> = {}): Stack[] =>
  [...inv.stacks.values()]
    .filter((s) => f.project === undefined || idMatches(s.projectId, f.project))
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.stackId, b.stackId));

/** Neutron ports whose `device_id` is this VM. */
export const portsOfVm = (inv: Pick<Inventory, 'ports'>, vmId: string): Port[] =>
  [...inv.ports.values()].filter((p) => p.neutron?.ownerKind === 'vm' && p.neutron.deviceId === vmId).sort((a, b) => compareText(a.id, b.id));

/**
 * The VMs of a Magnum cluster: servers named after its Heat stack (`<stack name>-master-<i>`,
 * `<stack name>-node-<i>`), or holding one of its master/node addresses. Empty for swarm clusters.
 */
export const clusterMembers = (inv: Pick<Inventory, 'vms' | 'stacks'>, cluster: Cluster): Vm[] => {
  const m = cluster.magnum;
  if (m === undefined) return [];
  const stackName = inv.stacks.get(m.stackId)?.name ?? '';
  const member = stackName === '' ? null : new RegExp(`^${stackName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(master|node)-\\d+$`);
  const addrs = new Set([...m.masterAddresses, ...m.nodeAddresses]);
  return [...inv.vms.values()]
    .filter((v) => (member !== null && member.test(v.name)) || v.addresses.some((a) => addrs.has(a.address)))
    .sort((a, b) => compareText(a.name, b.name));
};
