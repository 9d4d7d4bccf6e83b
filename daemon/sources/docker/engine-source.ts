import type { ContainerSnapshot } from '../../../events/container.js';
import type { DockerEngineInfo } from '../../../events/host.js';
import type { Inventory } from '../../../events/inventory.js';
import type { OpsEvent } from '../../../events/ops-event.js';
import { fromEpochMs, toCanonical } from '../../../events/time.js';
import { containerFromInspect, engineFromInfo, networkFromList, swarmFromLists } from '../../../events/translate/docker-inspect.js';
import type { Logger } from '../../log.js';
import type { DockerClient } from './client.js';
import { capLabels } from './limits.js';
import type { Stamp } from './records.js';
import { hostConnection, hostObserved } from './records.js';
import { resyncEvents } from './resync.js';

/** What an engine loop needs from the daemon: the model to diff against and a way to record events. */
export type SourceContext = Readonly<{
  host: string;
  log: Logger;
  inventory: () => Inventory;
  /** Records events in order; resolves when JetStream stored them. */
  record: (events: readonly OpsEvent[]) => Promise<void>;
}>;

const now = (): string => fromEpochMs(Date.now());

/** Reads `/info` + `/version` and records the host when it differs from the model. */
export const observeEngine = async (ctx: SourceContext, client: DockerClient, apiVersion: string, endpoint: string): Promise<{ engine: DockerEngineInfo; stamp: Stamp }> => {
  const [info, version] = await Promise.all([client.info(), client.version()]);
  const engine = engineFromInfo(info, version, endpoint, apiVersion);
  const sys = toCanonical(String((info as Record<string, unknown>)['SystemTime'] ?? '')) ?? now();
  const stamp: Stamp = { host: ctx.host, at: sys, observedAt: now() };
  const had = ctx.inventory().hosts.get(ctx.host);
  const out: OpsEvent[] = [];
  if (!had || JSON.stringify(had.docker) !== JSON.stringify(engine) || !had.reachable) out.push(hostObserved(stamp, engine, had?.seq ?? 0));
  await ctx.record(out);
  return { engine, stamp };
};

/** Records that the engine cannot be reached (once per outage). */
export const markUnreachable = async (ctx: SourceContext, error: string): Promise<void> => {
  const had = ctx.inventory().hosts.get(ctx.host);
  if (had && !had.reachable) return;
  await ctx.record([hostConnection({ host: ctx.host, at: now(), observedAt: now() }, false, error, had?.seq ?? 0)]);
};

/** Inspects one container; null when it is gone. */
export const inspect = async (client: DockerClient, id: string): Promise<ContainerSnapshot | null> => {
  const j = await client.inspectContainer(id);
  const snap = j === null ? null : containerFromInspect(j);
  return snap === null ? null : capLabels(snap);
};

/** Inspects of one batch the engine answers at a time. */
const INSPECT_CONCURRENCY = 8;

/**
 * Each container of `ids` inspected once (null when gone or unreadable), at most INSPECT_CONCURRENCY
 * at a time. The events of one batch that ask for an inspect (a burst's create, connect and start of
 * one container) were all read before any inspect: one round trip answers them all, where one per
 * event took 400 for 100 containers created and started, in lockstep groups that waited for their slowest.
 */
export const inspectOnce = async (client: DockerClient, ids: readonly string[]): Promise<Map<string, ContainerSnapshot | null>> => {
  const todo = [...new Set(ids)];
  const snaps = new Map<string, ContainerSnapshot | null>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const id = todo[next++] as string;
      snaps.set(id, await inspect(client, id).catch(() => null));
    }
  };
  await Promise.all(Array.from({ length: Math.min(INSPECT_CONCURRENCY, todo.length) }, worker));
  return snaps;
};

/** Lists a swarm when this engine manages one. */
export const listSwarm = async (client: DockerClient, engine: DockerEngineInfo, host: string) => {
  if (!engine.swarm?.controlAvailable) return null;
  const [nodes, services, tasks] = await Promise.all([client.listNodes(), client.listServices(), client.listTasks()]);
  return swarmFromLists(engine, host, { nodes, services, tasks });
};

/**
 * Full re-list of an engine (on connect, after every reconnect, and periodically): containers
 * with an inspect each, networks and the swarm; records only what differs from the model.
 */
export const resync = async (ctx: SourceContext, client: DockerClient, engine: DockerEngineInfo, stamp: Stamp): Promise<number> => {
  const list = (await client.listContainers()) as readonly { Id?: unknown }[];
  const containers: ContainerSnapshot[] = [];
  const ids = list.map((c) => String(c.Id ?? '')).filter((id) => id !== '');
  for (let i = 0; i < ids.length; i += 8) {
    const batch = await Promise.all(ids.slice(i, i + 8).map((id) => inspect(client, id)));
    for (const s of batch) if (s) containers.push(s);
  }
  const networks = ((await client.listNetworks()) as unknown[]).map(networkFromList);
  const cluster = await listSwarm(client, engine, ctx.host);
  const events = resyncEvents(ctx.inventory(), stamp, { containers, networks, cluster });
  await ctx.record(events);
  return events.length;
};
