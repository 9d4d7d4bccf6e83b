import type { Container } from '../../events/container.js';
import type { ContainerFilter } from '../../events/queries.js';
import { containersMatching } from '../../events/queries.js';
import type { ModelView } from '../../daemon/query/client.js';
import type { Column } from '../output/columns.js';
import { UsageError } from '../output/errors.js';
import { HOST_WIDTH, shortId, portList } from './format-cells.js';
import { checkState, CONTAINER_STATES } from './states.js';

export const containerColumns: Column<Container>[] = [
  { id: 'id', header: 'Container ID', get: (c) => shortId(c.containerId) },
  { id: 'full_id', header: 'Full ID', get: (c) => c.containerId },
  { id: 'name', header: 'Name', get: (c) => c.name, width: 40 },
  { id: 'host', header: 'Host', get: (c) => c.host, width: HOST_WIDTH },
  { id: 'state', header: 'State', get: (c) => c.state },
  { id: 'health', header: 'Health', get: (c) => c.health ?? '' },
  { id: 'exit_code', header: 'Exit', get: (c) => c.exitCode },
  { id: 'image', header: 'Image', get: (c) => c.image, width: 40 },
  { id: 'ports', header: 'Ports', get: (c) => portList(c.ports), width: 60 },
  { id: 'networks', header: 'Networks', get: (c) => c.networks.map((n) => (n.ip ? `${n.name}:${n.ip}` : n.name)) },
  { id: 'service', header: 'Service', get: (c) => c.swarm?.serviceName ?? '' },
  { id: 'labels', header: 'Labels', get: (c) => c.labels, width: 60 },
  { id: 'command', header: 'Command', get: (c) => c.command, width: 40 },
  { id: 'started_at', header: 'Started', get: (c) => c.startedAt ?? '' },
  { id: 'finished_at', header: 'Finished', get: (c) => c.finishedAt ?? '' },
  { id: 'restarts', header: 'Restarts', get: (c) => c.restartCount },
  { id: 'oom_killed', header: 'OOM', get: (c) => c.oomKilled },
  { id: 'updated_at', header: 'Updated', get: (c) => c.updatedAt },
];
export const containerDefaults = ['id', 'name', 'host', 'state', 'health', 'image', 'ports'];

/** The filter flags as a query, with a clear error for a bad regular expression. */
export const containerFilter = (f: Readonly<{ host?: string | undefined; state?: string | undefined; label?: string[] | undefined; name?: string | undefined }>): ContainerFilter => {
  let name: RegExp | undefined;
  if (f.name !== undefined) {
    try {
      name = new RegExp(f.name);
    } catch (err) {
      throw new UsageError(`--name '${f.name}' is not a valid regular expression (${(err as Error).message}).`, { hint: "Use a JavaScript regular expression, e.g. --name '^web-'." });
    }
  }
  checkState('a container', f.state, CONTAINER_STATES);
  return { ...(f.host === undefined ? {} : { host: f.host }), ...(f.state === undefined ? {} : { state: f.state }), ...(f.label === undefined ? {} : { labels: f.label }), ...(name === undefined ? {} : { name }) };
};

export const containerRows = (view: ModelView, f: ContainerFilter): Container[] => containersMatching(view, f);
