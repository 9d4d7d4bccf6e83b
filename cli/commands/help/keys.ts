import Keys from '../keys.js';

/**
 * `berth help keys`: @oclif/plugin-help owns `help` (`berth help <command>` shows a command's
 * usage), so the key table is the `keys` command, and this hidden `help keys` is the same command
 * under the name people try first. oclif resolves the longer id before handing `help` its argument.
 */
export default class HelpKeys extends Keys {
  static override hidden = true;
}
