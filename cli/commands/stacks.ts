import { Flags } from '@oclif/core';
import type { Stack } from '../../events/stack.js';
import { BaseCommand } from '../base-command.js';
import { atFlag, connectionFlags, outputFlags, watchFlag } from '../flags.js';
import { containerFilter } from '../lists/containers.js';
import { stackColumns, stackDefaults, stackRows } from '../lists/openstack.js';
import { runList } from '../list-runner.js';

export default class Stacks extends BaseCommand {
  static override description = 'List Heat stacks (nested ones too) with their last action, status and reason.';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> stacks', '<%= config.bin %> stacks --state CREATE_FAILED', "<%= config.bin %> stacks --name '^lab-cluster' -o yaml"];
  static override flags = {
    ...connectionFlags, ...outputFlags, ...atFlag, ...watchFlag,
    project: Flags.string({ description: 'only stacks of this project (id, or its first 3+ characters)', helpGroup: 'FILTER' }),
    state: Flags.string({ description: 'only stacks in this state (CREATE_COMPLETE, FAILED, ...)', helpGroup: 'FILTER' }),
    name: Flags.string({ description: 'only stacks whose name matches this regular expression', helpGroup: 'FILTER' }),
  };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(Stacks);
    const { name } = containerFilter({ name: flags.name });
    const f = { project: flags.project, state: flags.state, name };
    const client = await this.modelClient(flags);
    return runList<Stack>(this, client, {
      kinds: ['stack'], columns: stackColumns, defaults: stackDefaults,
      rows: (view) => stackRows(view, f),
      keyOf: (r) => `stack/${r.stackId}`,
      rowOfChange: (view, c) => stackRows(view, f).find((s) => s.stackId === c.id) ?? null,
    }, flags);
  }
}
