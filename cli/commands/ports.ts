import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { atFlag, connectionFlags, outputFlags, watchFlag } from '../flags.js';
import { portColumns, portDefaults, portRows } from '../lists/others.js';
import type { PortRow } from '../lists/others.js';
import { runList } from '../list-runner.js';

export default class Ports extends BaseCommand {
  static override description = 'List ports: host ports published by containers (and, with OpenStack, Neutron ports) and what holds each.';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> ports', '<%= config.bin %> ports --host web1 -o csv', '<%= config.bin %> ports --container api', '<%= config.bin %> ports --kind neutron --project 6f70656e --state ACTIVE'];
  static override flags = {
    ...connectionFlags, ...outputFlags, ...atFlag, ...watchFlag,
    host: Flags.string({ description: 'only ports on this host', helpGroup: 'FILTER' }),
    container: Flags.string({ description: 'only ports held by this container (name or id prefix; Kuryr/Zun ports by device id)', helpGroup: 'FILTER' }),
    device: Flags.string({ description: 'only Neutron ports whose device id starts with this (a VM, router, ...)', helpGroup: 'FILTER' }),
    network: Flags.string({ description: 'only Neutron ports on this network (id, id prefix of 3+ characters, or name)', helpGroup: 'FILTER' }),
    project: Flags.string({ description: 'only Neutron ports of this project (id, or its first 3+ characters)', helpGroup: 'FILTER' }),
    state: Flags.string({ description: 'only Neutron ports in this status (ACTIVE, DOWN, BUILD, ERROR)', helpGroup: 'FILTER' }),
    kind: Flags.string({ description: 'only ports of this kind', options: ['docker-published', 'neutron'], helpGroup: 'FILTER' }),
  };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(Ports);
    const f = { host: flags.host, container: flags.container, device: flags.device, network: flags.network, project: flags.project, state: flags.state, kind: flags.kind };
    const client = await this.modelClient(flags);
    return runList<PortRow>(this, client, {
      // The networks too when --network names one (by name or id prefix).
      kinds: flags.network === undefined ? ['port', 'neutron'] : ['port', 'neutron', 'network'],
      columns: portColumns,
      defaults: portDefaults,
      rows: (view) => portRows(view, f),
      keyOf: (r) => `port/${r.id}`,
      // A floating IP changing changes the row of the port it points at.
      rowOfChange: (view, c) => portRows(view, f).find((p) => p.id === c.id || (c.kind === 'neutron' && p.id === (c.value as { portId?: string } | null)?.portId)) ?? null,
    }, flags);
  }
}
