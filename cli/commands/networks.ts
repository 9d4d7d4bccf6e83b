import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { atFlag, connectionFlags, outputFlags, watchFlag } from '../flags.js';
import { containerFilter } from '../lists/containers.js';
import { NETWORK_ROW_TYPES, networkColumns, networkDefaults, networkRows } from '../lists/networks.js';
import type { NetworkRow } from '../lists/networks.js';
import { runList } from '../list-runner.js';

export default class Networks extends BaseCommand {
  static override description = 'List networks (Docker and Neutron) and, with OpenStack, subnets, routers, floating IPs and security groups.';
  static override enableJsonFlag = true;
  static override examples = [
    '<%= config.bin %> networks',
    '<%= config.bin %> networks --type floatingip -c address -c detail',
    '<%= config.bin %> networks --type subnet --network 7a95c19d-9abc-4651-b491-f2345994e956 -o json',
  ];
  static override flags = {
    ...connectionFlags, ...outputFlags, ...atFlag, ...watchFlag,
    type: Flags.string({ description: 'only this type of object', options: [...NETWORK_ROW_TYPES], helpGroup: 'FILTER' }),
    project: Flags.string({ description: 'only Neutron objects of this project (id, or its first 3+ characters)', helpGroup: 'FILTER' }),
    network: Flags.string({ description: 'only this network (id, id prefix of 3+ characters, or name) and the subnets, routers and floating IPs on it', helpGroup: 'FILTER' }),
    host: Flags.string({ description: 'only Docker networks of this engine host', helpGroup: 'FILTER' }),
    name: Flags.string({ description: 'only objects whose name matches this regular expression', helpGroup: 'FILTER' }),
  };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(Networks);
    const { name } = containerFilter({ name: flags.name });
    const f = { type: flags.type, project: flags.project, network: flags.network, host: flags.host, name };
    const client = await this.modelClient(flags);
    return runList<NetworkRow>(this, client, {
      kinds: ['network', 'neutron'],
      columns: networkColumns,
      defaults: networkDefaults,
      rows: (view) => networkRows(view, f),
      keyOf: (r) => `${r.source === 'docker' || r.type === 'network' ? 'network' : 'neutron'}/${r.id}`,
      rowOfChange: (view, c) => networkRows(view, f).find((r) => r.id === c.id) ?? null,
    }, flags);
  }
}
