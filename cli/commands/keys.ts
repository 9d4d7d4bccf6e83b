import { BaseCommand } from '../base-command.js';
import { readConsoleConfig } from '../console/config.js';
import { Flags } from '@oclif/core';
import { keyHelp, keyHelpLines } from '../../views/keymap-help.js';

export default class Keys extends BaseCommand {
  static override description = `The keys of 'berth top', from the same table that drives the console (with your rebindings from the console config).
Rebind in console.json in the berth config directory: {"keys": {"stop": "x", "list.down": ["j", "ctrl+n"]}, "readOnly": false}.`;
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> keys', '<%= config.bin %> keys --read-only', '<%= config.bin %> keys --json'];
  static override flags = {
    'read-only': Flags.boolean({ description: 'show the keys as read-only mode has them (no actions)', env: 'BERTH_READ_ONLY' }),
    config: Flags.string({ description: 'console config file; default console.json in the berth config directory', env: 'BERTH_CONSOLE_CONFIG' }),
  };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(Keys);
    const config = await readConsoleConfig(flags.config);
    const readOnly = flags['read-only'] || config.readOnly;
    if (this.jsonEnabled()) return keyHelp(config.keymap, readOnly).map((s) => ({ title: s.title, keys: s.rows.map(([keys, does]) => ({ keys, does })) }));
    process.stdout.write(keyHelpLines(config.keymap, readOnly).join('\n') + '\n');
    return undefined;
  }
}
