import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { atFlag, connectionFlags, outputFlags, watchFlag } from '../flags.js';
import { containerFilter } from '../lists/containers.js';
import { clusterColumns, clusterDefaults, clusterRows } from '../lists/others.js';
import type { ClusterRow } from '../lists/others.js';
import { runList } from '../list-runner.js';

export default class Clusters extends BaseCommand {
  static override description = 'List clusters (Docker Swarm; Magnum with OpenStack) with their nodes, services and member containers.';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> clusters', '<%= config.bin %> clusters -c name -c members', '<%= config.bin %> clusters -o yaml'];
  static override flags = {
    ...connectionFlags, ...outputFlags, ...atFlag, ...watchFlag,
    name: Flags.string({ description: 'only clusters whose name matches this regular expression', helpGroup: 'FILTER' }),
    project: Flags.string({ description: 'only Magnum clusters of this project (id, or its first 3+ characters)', helpGroup: 'FILTER' }),
    state: Flags.string({ description: 'only clusters in this status (CREATE_COMPLETE, UPDATE_IN_PROGRESS, ready, degraded, ...)', helpGroup: 'FILTER' }),
    kind: Flags.string({ description: 'only clusters of this kind', options: ['swarm', 'magnum'], helpGroup: 'FILTER' }),
  };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(Clusters);
    const { name } = containerFilter({ name: flags.name });
    const f = { name, project: flags.project, state: flags.state, kind: flags.kind };
    const client = await this.modelClient(flags);
    return runList<ClusterRow>(this, client, {
      kinds: ['cluster', 'container', 'vm', 'stack'],
      columns: clusterColumns,
      defaults: clusterDefaults,
      rows: (view) => clusterRows(view, f),
      keyOf: (r) => `cluster/${r.clusterId}`,
      rowOfChange: (view, c) => (c.kind === 'cluster' ? (clusterRows(view, f).find((x) => x.clusterId === c.id) ?? null) : null),
    }, flags);
  }
}
