import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../../events/errors.js';
import { DEFAULT_KEYMAP } from '../../views/keymap.js';
import type { Keymap } from '../../views/keymap.js';
import { rebind } from '../../views/keymap-config.js';
import { configDir } from '../context/paths.js';

/** The console's settings: `console.json` in berth's config directory. */
export type ConsoleConfig = Readonly<{ keymap: Keymap; readOnly: boolean; view: string | undefined; file: string }>;

/** `$BERTH_CONFIG_DIR/console.json` (else `$XDG_CONFIG_HOME/berth/console.json`, else `~/.config/berth/console.json`). */
export const consoleConfigFile = (env: NodeJS.ProcessEnv = process.env): string => join(configDir(env), 'console.json');

const fail = (file: string, what: string): ConfigError =>
  new ConfigError(`${file}: ${what}`, { hint: `Fix ${file} (see 'berth keys' for the actions and keys), or move it away to use the defaults.` });

/**
 * Reads the console config: `{"readOnly": true, "view": "vms", "keys": {"stop": "x", "list.down": ["j", "ctrl+n"]}}`.
 * No file at the default place means the defaults; a file named (`--config`, `BERTH_CONSOLE_CONFIG`)
 * that is not there is an error: a read-only config with a typo in its path gave a console that
 * acts. Every problem is reported at once, naming the file and the key.
 */
export const readConsoleConfig = async (named?: string): Promise<ConsoleConfig> => {
  const file = named ?? consoleConfigFile();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && named === undefined) return { keymap: DEFAULT_KEYMAP, readOnly: false, view: undefined, file };
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ConfigError(`Console config '${file}' does not exist.`, { hint: 'Check the path given with --config or BERTH_CONSOLE_CONFIG, or leave both out to use the defaults (console.json in the berth config directory, if there is one).' });
    }
    throw fail(file, `cannot be read (${(err as Error).message}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw fail(file, `is not valid JSON (${(err as Error).message}).`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw fail(file, 'must hold a JSON object.');
  const o = json as Record<string, unknown>;
  const errors: string[] = [];
  const unknown = Object.keys(o).filter((k) => !['readOnly', 'view', 'keys'].includes(k));
  if (unknown.length > 0) errors.push(`unknown setting(s) ${unknown.map((k) => `'${k}'`).join(', ')} (known: readOnly, view, keys).`);
  if (o['readOnly'] !== undefined && typeof o['readOnly'] !== 'boolean') errors.push('readOnly must be true or false.');
  if (o['view'] !== undefined && typeof o['view'] !== 'string') errors.push('view must be a view name (containers, vms, hosts, ...).');
  const { keymap, errors: keyErrors } = rebind(DEFAULT_KEYMAP, o['keys']);
  errors.push(...keyErrors);
  if (errors.length > 0) throw fail(file, errors.join(' '));
  return { keymap, readOnly: o['readOnly'] === true, view: o['view'] as string | undefined, file };
};
