import { DEFAULT_NATS_URL } from '../../daemon/main.js';
import { loadLiveQueryClient } from '../../daemon/query/client.js';
import { ConfigError } from '../../events/errors.js';
import { BaseCommand } from '../base-command.js';
import { safe } from '../console/tables.js';
import { connectionFlags } from '../flags.js';

export default class Dash extends BaseCommand {
  static override description = `A wall-screen dashboard (blessed-contrib): events per minute by source, containers and VMs by state, running containers and VMs per host, the latest events, and the daemon's lag.
Live from the read model; q, Esc or Ctrl-C quits. Needs a terminal.`;
  static override examples = ['<%= config.bin %> dash', '<%= config.bin %> dash --prefix lab'];
  static override flags = { ...connectionFlags };

  async run(): Promise<void> {
    const { flags } = await this.parse(Dash);
    if (!process.stdout.isTTY || !process.stdin.isTTY) {
      throw new ConfigError('berth dash draws on a terminal, and stdout or stdin is not one.', { hint: "For scripts use 'berth top --json', 'berth ps --watch -o json' or 'berth events --follow -o json'." });
    }
    const conn = await this.connection(flags);
    const client = (await loadLiveQueryClient()).start({ url: conn.url ?? DEFAULT_NATS_URL, prefix: conn.prefix, connect: { auth: conn.auth } });
    try {
      // blessed loads here only: no other command pays for it.
      const { runDash } = await import('../../views/dashboards/dash.js');
      await runDash(client, safe);
    } finally {
      await client.close();
    }
    // Quit means quit, whatever a library still holds open (see berth top).
    this.exit(0);
  }
}
