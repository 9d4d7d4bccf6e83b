import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { atFlag, connectionFlags, outputFlags, watchFlag } from '../flags.js';
import { containerFilter } from '../lists/containers.js';
import { hostColumns, hostDefaults, hostRows } from '../lists/others.js';
import type { HostRow } from '../lists/others.js';
import { runList } from '../list-runner.js';

export default class Hosts extends BaseCommand {
  static override description = 'List hosts: Docker engines berth follows (and, with OpenStack, compute nodes), with container counts.';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> hosts', '<%= config.bin %> hosts -o json', '<%= config.bin %> hosts --state unreachable', '<%= config.bin %> hosts --kind openstack --az nova'];
  static override flags = {
    ...connectionFlags, ...outputFlags, ...atFlag, ...watchFlag,
    name: Flags.string({ description: 'only hosts whose name matches this regular expression', helpGroup: 'FILTER' }),
    state: Flags.string({ description: 'only reachable or unreachable hosts', options: ['reachable', 'unreachable'], helpGroup: 'FILTER' }),
    kind: Flags.string({ description: 'only Docker engines (docker), hosts running VMs (compute), or every OpenStack host (openstack)', options: ['docker', 'compute', 'openstack'], helpGroup: 'FILTER' }),
    az: Flags.string({ description: 'only compute hosts with VMs in this availability zone', helpGroup: 'FILTER' }),
  };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(Hosts);
    const { name } = containerFilter({ name: flags.name });
    const f = { name, state: flags.state, kind: flags.kind, az: flags.az };
    const client = await this.modelClient(flags);
    return runList<HostRow>(this, client, {
      kinds: ['host', 'container', 'vm'],
      columns: hostColumns,
      defaults: hostDefaults,
      rows: (view) => hostRows(view, f),
      keyOf: (r) => `host/${r.id}`,
      rowOfChange: (view, c) => (c.kind === 'host' ? (hostRows(view, f).find((h) => h.id === c.id) ?? null) : null),
    }, flags);
  }
}
