import { BaseCommand } from '../base-command.js';
import { atFlag, connectionFlags, filterFlags, outputFlags, watchFlag } from '../flags.js';
import { containerColumns, containerDefaults, containerFilter, containerRows } from '../lists/containers.js';
import type { Container } from '../../events/container.js';
import { containersMatching } from '../../events/queries.js';
import { runList } from '../list-runner.js';

export default class Containers extends BaseCommand {
  static override aliases = ['ps'];
  static override description = 'List containers on every Docker host berth follows (Swarm tasks included), from the model the daemon keeps.';
  static override enableJsonFlag = true;
  static override examples = [
    '<%= config.bin %> containers',
    '<%= config.bin %> ps --state running --host web1',
    "<%= config.bin %> ps --label app=web --name '^api-' -o json",
    '<%= config.bin %> ps -c name -c ports -o csv',
    '<%= config.bin %> ps --watch',
  ];
  static override flags = { ...connectionFlags, ...outputFlags, ...atFlag, ...filterFlags, ...watchFlag };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(Containers);
    const filter = containerFilter(flags);
    const client = await this.modelClient(flags);
    return runList<Container>(this, client, {
      kinds: ['container'],
      columns: containerColumns,
      defaults: containerDefaults,
      rows: (view) => containerRows(view, filter),
      keyOf: (r) => `container/${r.containerId}`,
      rowOfChange: (_view, c) => containersMatching({ containers: new Map([[c.id, c.value as Container]]) }, filter)[0] ?? null,
    }, flags);
  }
}
