import { summarizeEvent } from '../../events/describe.js';
import { containerOrder, vmOrder } from '../../events/queries.js';
import type { Recorded } from '../../events/envelope.js';
import type { OpsEvent } from '../../events/ops-event.js';
import type { ActionName, EntityRef } from '../../events/read-model.js';
import type { AnyTable, ConsoleData, Detail, TableColumn } from '../../views/tables.js';
import { anyTable } from '../../views/tables.js';
import type { ModelView } from '../../daemon/query/client.js';
import { formatCell } from '../output/cell.js';
import type { Column } from '../output/columns.js';
import { safeText } from '../output/sanitize.js';
import { containerColumns, containerDefaults, containerRows } from '../lists/containers.js';
import { shortId } from '../lists/format-cells.js';
import { networkColumns, networkDefaults, networkRows } from '../lists/networks.js';
import { stackColumns, stackDefaults, stackRows, vmColumns, vmDefaults, vmRows } from '../lists/openstack.js';
import { clusterColumns, clusterDefaults, clusterRows, hostColumns, hostDefaults, hostRows, portColumns, portDefaults, portRows } from '../lists/others.js';

/** A list command's column as a console column: the same value, formatted and sanitised as the table printer does. */
const consoleColumns = <T,>(columns: readonly Column<T>[]): TableColumn<T>[] =>
  columns.map((c) => ({ id: c.id, header: c.header, width: c.width, text: (row: T) => safeText(formatCell(c.get(row))) }));

type Spec<T> = Readonly<{
  id: string; title: string; aliases: readonly string[]; columns: readonly Column<T>[]; defaults: readonly string[];
  rows: (model: ModelView) => readonly T[]; ref: (row: T) => EntityRef; name: (row: T) => string; actions?: readonly ActionName[];
  /** `rows` as one map's values in one order: the console then moves only changed rows (test/cli/console/tables.test.ts checks it). */
  incremental?: Readonly<{ source: (model: ModelView) => ReadonlyMap<string, T>; order: (a: T, b: T) => number }>;
}>;

/** One console view from a list command's own columns and rows (`berth ps` and `:containers` show the same thing). */
const fromList = <T extends object>(s: Spec<T>): AnyTable => {
  const columns = consoleColumns(s.columns);
  const inc = s.incremental;
  return anyTable<T>({
    id: s.id, title: s.title, aliases: s.aliases, columns, defaults: s.defaults, actions: s.actions ?? [],
    rows: (data: ConsoleData) => s.rows(data.model as ModelView),
    incremental: inc === undefined ? undefined : { source: (m) => inc.source(m as ModelView), order: inc.order },
    keyOf: (row) => { const r = s.ref(row); return `${r.kind}/${r.id}`; },
    detail: (row): Detail => ({ ref: s.ref(row), title: safeText(s.name(row)), fields: columns.map((c) => [c.header, c.text(row)] as const) }),
  });
};

const on = (host: string | null | undefined): string => (host ? ` on ${host}` : '');

const eventColumns: Column<Recorded<OpsEvent>>[] = [
  { id: 'time', header: 'Time', get: (e) => `${e.at.slice(11, 23)}` },
  { id: 'type', header: 'Type', get: (e) => e.type },
  { id: 'kind', header: 'Kind', get: (e) => e.subject.kind },
  { id: 'subject', header: 'Subject', get: (e) => shortId(e.subject.id), width: 36 },
  { id: 'source', header: 'Source', get: (e) => `${e.source.kind}:${e.source.host}` },
  { id: 'summary', header: 'Summary', get: (e) => summarizeEvent(e), width: 120 },
  { id: 'seq', header: 'Seq', get: (e) => e.seq },
  { id: 'date', header: 'Date', get: (e) => e.at },
  { id: 'observed_at', header: 'Observed', get: (e) => e.observedAt },
  { id: 'id', header: 'Event ID', get: (e) => e.id },
  { id: 'data', header: 'Data', get: (e) => JSON.stringify(e.data), width: 200 },
];

/** The live tail of events, newest first; Enter shows the event and its subject's links and history. */
const eventsTable = (): AnyTable => {
  const columns = consoleColumns(eventColumns);
  return anyTable<Recorded<OpsEvent>>({
    id: 'events', title: 'events', aliases: ['ev', 'event', 'tail', 'log'], columns, defaults: ['time', 'type', 'kind', 'subject', 'source', 'summary'], actions: [],
    rows: (data) => [...data.tail].reverse(),
    keyOf: (e) => `event/${e.seq}`,
    detail: (e) => ({ ref: e.subject, title: safeText(`${e.type} #${e.seq}`), fields: columns.map((c) => [c.header, c.text(e)] as const) }),
  });
};

/**
 * Every view of `berth top`, built from the list commands' own columns and row functions (no copy):
 * what `berth ps` prints and what `:containers` shows cannot drift apart.
 */
export const consoleTables = (): AnyTable[] => [
  fromList({ id: 'containers', title: 'containers', aliases: ['ps', 'container', 'co', 'docker'], columns: containerColumns, defaults: containerDefaults,
    rows: (m) => containerRows(m, {}), ref: (c) => ({ kind: 'container', id: c.containerId }), name: (c) => `container '${c.name}' (${shortId(c.containerId)})${on(c.host)}`, actions: ['start', 'stop', 'restart'],
    // containersMatching's order, which `rows` uses.
    incremental: { source: (m) => m.containers, order: containerOrder } }),
  fromList({ id: 'vms', title: 'VMs', aliases: ['vm', 'servers', 'server', 'nova'], columns: vmColumns, defaults: vmDefaults,
    rows: (m) => vmRows(m, {}), ref: (v) => ({ kind: 'vm', id: v.vmId }), name: (v) => `VM '${v.name}' (${v.vmId.slice(0, 8)})${on(v.host)}`, actions: ['start', 'stop', 'restart'],
    // vmsMatching's order, which `rows` uses.
    incremental: { source: (m) => m.vms, order: vmOrder } }),
  fromList({ id: 'hosts', title: 'hosts', aliases: ['host', 'nodes', 'node', 'no'], columns: hostColumns, defaults: hostDefaults,
    rows: (m) => hostRows(m, {}), ref: (h) => ({ kind: 'host', id: h.id }), name: (h) => `host '${h.id}'` }),
  fromList({ id: 'clusters', title: 'clusters', aliases: ['cluster', 'cl', 'swarm', 'magnum'], columns: clusterColumns, defaults: clusterDefaults,
    rows: (m) => clusterRows(m, {}), ref: (c) => ({ kind: 'cluster', id: c.clusterId }), name: (c) => `${c.kind} cluster '${c.name}'` }),
  fromList({ id: 'ports', title: 'ports', aliases: ['port', 'po'], columns: portColumns, defaults: portDefaults,
    rows: (m) => portRows(m, {}), ref: (p) => ({ kind: 'port', id: p.id }), name: (p) => `port ${p.kind === 'neutron' ? p.id : `${p.hostIp || '*'}:${p.hostPort}/${p.protocol}`}${on(p.host)}` }),
  fromList({ id: 'stacks', title: 'stacks', aliases: ['stack', 'st', 'heat'], columns: stackColumns, defaults: stackDefaults,
    rows: (m) => stackRows(m, {}), ref: (s) => ({ kind: 'stack', id: s.stackId }), name: (s) => `stack '${s.name}'` }),
  fromList({ id: 'networks', title: 'networks', aliases: ['network', 'net', 'nets'], columns: networkColumns, defaults: networkDefaults,
    rows: (m) => networkRows(m, {}), ref: (n) => ({ kind: n.type === 'network' ? 'network' : 'neutron', id: n.id }), name: (n) => `${n.type} '${n.name || n.id}'` }),
  eventsTable(),
];

/** The sanitiser the console prints untrusted text through (the one every printer uses). */
export const safe = (s: string): string => safeText(s);
