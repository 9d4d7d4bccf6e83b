import { Args, Flags } from '@oclif/core';
import { ENV_CLOUD } from '../../events/action.js';
import { DEFAULT_NATS_URL } from '../../daemon/main.js';
import { loadLiveQueryClient } from '../../daemon/query/client.js';
import type { LiveQueryClient } from '../../daemon/query/client.js';
import type { ConsoleActor } from '../../daemon/query/client.js';
import { UsageError } from '../output/errors.js';
import { render } from '../output/format.js';
import { BaseCommand } from '../base-command.js';
import { firstData } from '../console/first-model.js';
import { loadConsole } from '../console/load-console.js';
import { readConsoleConfig } from '../console/config.js';
import { consoleTables, safe } from '../console/tables.js';
import { atFlag, connectionFlags } from '../flags.js';
import { checkReason } from '../actions/action-command.js';
import { consoleActor } from '../actions/console-actor.js';
import { cloudFlag } from '../actions/flags.js';
import { parseAt } from '../list-runner.js';
import { tableRows, shownColumns } from '../../views/rows.js';
import type { AnyTable } from '../../views/tables.js';

/** How long the console waits for a daemon's answer to an action (the action commands' default --timeout). */
const ACTION_TIMEOUT_MS = 180_000;

export default class Top extends BaseCommand {
  static override args = {
    view: Args.string({ description: 'view to open: containers (ps), vms, hosts, clusters, ports, stacks, networks, events' }),
  };
  static override description = `The console: live, k9s-like views of hosts, containers, VMs, clusters, ports, stacks, networks and the event tail.
: switches view, / filters (text, /regex/, key=value), Enter shows an entity's fields, links and history, t travels in time, ? lists every key ('berth keys'). Needs a terminal; piped, it prints the view once as a table.`;
  static override enableJsonFlag = true;
  static override examples = [
    '<%= config.bin %> top',
    '<%= config.bin %> top vms',
    '<%= config.bin %> top --at 2h',
    '<%= config.bin %> top --read-only',
    "<%= config.bin %> top --reason 'INC-4711: draining web'",
    '<%= config.bin %> top hosts | cat',
  ];
  static override flags = {
    ...connectionFlags, ...atFlag,
    'read-only': Flags.boolean({ description: 'hide and refuse every action (stop/start/restart); also "readOnly": true in the console config', env: 'BERTH_READ_ONLY', helpGroup: 'CONSOLE' }),
    config: Flags.string({ description: 'console config file (key bindings, read-only, first view); default console.json in the berth config directory', env: 'BERTH_CONSOLE_CONFIG', helpGroup: 'CONSOLE' }),
    reason: Flags.string({ description: 'why (recorded with every action taken from the console)', env: 'BERTH_REASON', helpGroup: 'CONSOLE' }),
    ...cloudFlag,
  };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(Top);
    const config = await readConsoleConfig(flags.config);
    const tables = consoleTables();
    const view = viewId(tables, args.view ?? config.view ?? 'containers');
    const at = flags.at === undefined ? null : parseAt(flags.at);
    const conn = await this.connection(flags);
    const readOnly = flags['read-only'] || config.readOnly;
    const actor = actorOf(flags, conn.cloud, readOnly);
    const client = (await loadLiveQueryClient()).start({ url: conn.url ?? DEFAULT_NATS_URL, prefix: conn.prefix, connect: { auth: conn.auth }, actor });
    try {
      // A dumb terminal (TERM=dumb: Emacs' shell, some CI consoles) cannot move the cursor the console draws with: it gets the view once, as a pipe does.
      if (this.jsonEnabled() || !process.stdout.isTTY || !process.stdin.isTTY || process.env['TERM'] === 'dumb') return await this.printOnce(client, tables, view, at);
      // Ink and React load here only: every other command starts without them.
      const runConsole = await loadConsole();
      await runConsole(client, { tables, keymap: config.keymap, readOnly, initialView: view, initialAt: at, safe });
    } finally {
      await client.close();
    }
    // The operator quit: leave now, whatever a library still holds open (nats.js keeps dialling
    // after a connect that timed out, and that socket would keep the process alive).
    this.exit(0);
  }

  /** Not a terminal: the view's rows once, as `berth <view>` prints them (or its JSON). */
  private async printOnce(client: LiveQueryClient, tables: readonly AnyTable[], view: string, at: string | null): Promise<unknown> {
    const table = tables.find((t) => t.id === view) as AnyTable;
    const { rows } = tableRows(table, await firstData(client, at), [], null);
    if (this.jsonEnabled()) return rows.map((r) => r.row);
    const columns = shownColumns(table).map((i) => {
      const c = table.columns[i] as AnyTable['columns'][number];
      return { id: c.id, header: c.header, get: (r: object) => c.text(r), ...(c.width === undefined ? {} : { width: c.width }) };
    });
    process.stdout.write(render(rows.map((r) => r.row), columns, 'table'));
    return undefined;
  }
}

/** Actions go the way `berth container stop` sends them: to the daemon of the target's engine or cloud. */
const actorOf = (flags: Readonly<{ reason?: string | undefined; cloud?: string | undefined }>, contextCloud: string | undefined, readOnly: boolean): ConsoleActor => {
  checkReason(flags.reason);
  return consoleActor({ readOnly, cloud: flags.cloud ?? contextCloud ?? ENV_CLOUD, reason: flags.reason ?? null, timeoutMs: ACTION_TIMEOUT_MS });
};

const viewId = (tables: readonly AnyTable[], word: string): string => {
  const t = tables.find((x) => x.id === word.toLowerCase() || x.aliases.includes(word.toLowerCase()));
  if (t === undefined) throw new UsageError(`'${safe(word)}' is not a view of berth top.`, { hint: `Pick one of: ${tables.map((x) => x.id).join(', ')}.` });
  return t.id;
};
