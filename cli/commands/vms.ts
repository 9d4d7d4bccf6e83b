import { Flags } from '@oclif/core';
import type { Vm } from '../../events/vm.js';
import { BaseCommand } from '../base-command.js';
import { atFlag, connectionFlags, outputFlags, watchFlag } from '../flags.js';
import { containerFilter } from '../lists/containers.js';
import { checkState, VM_STATES } from '../lists/states.js';
import { vmColumns, vmDefaults, vmRows } from '../lists/openstack.js';
import { runList } from '../list-runner.js';

export default class Vms extends BaseCommand {
  static override description = 'List Nova VMs as their notifications describe them (state, task, host, flavor, addresses).';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> vms', '<%= config.bin %> vms --host compute-7 --state active', '<%= config.bin %> vms --project 6f70656e --az nova -o json'];
  static override flags = {
    ...connectionFlags, ...outputFlags, ...atFlag, ...watchFlag,
    host: Flags.string({ description: 'only VMs on this compute host', helpGroup: 'FILTER' }),
    state: Flags.string({ description: 'only VMs in this vm_state (active, stopped, error, ...; any case)', helpGroup: 'FILTER' }),
    project: Flags.string({ description: 'only VMs of this project (id, or its first 3+ characters)', helpGroup: 'FILTER' }),
    az: Flags.string({ description: 'only VMs in this availability zone', helpGroup: 'FILTER' }),
    name: Flags.string({ description: 'only VMs whose name matches this regular expression', helpGroup: 'FILTER' }),
  };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(Vms);
    const { name } = containerFilter({ name: flags.name });
    checkState('a VM', flags.state, VM_STATES);
    const f = { ...(flags.host === undefined ? {} : { host: flags.host }), ...(flags.state === undefined ? {} : { state: flags.state }), ...(flags.project === undefined ? {} : { project: flags.project }), ...(flags.az === undefined ? {} : { az: flags.az }), ...(name === undefined ? {} : { name }) };
    const client = await this.modelClient(flags);
    return runList<Vm>(this, client, {
      kinds: ['vm'], columns: vmColumns, defaults: vmDefaults,
      rows: (view) => vmRows(view, f),
      keyOf: (r) => `vm/${r.vmId}`,
      rowOfChange: (view, c) => vmRows(view, f).find((v) => v.vmId === c.id) ?? null,
    }, flags);
  }
}
