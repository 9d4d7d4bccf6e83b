import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where berth keeps its small local settings (contexts): `$BERTH_CONFIG_DIR`, else `$XDG_CONFIG_HOME/berth`, else `~/.config/berth`. */
export const configDir = (env: NodeJS.ProcessEnv = process.env): string =>
  env['BERTH_CONFIG_DIR'] ?? join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'berth');

/** The contexts file. */
export const contextsFile = (env: NodeJS.ProcessEnv = process.env): string => join(configDir(env), 'contexts.json');

/**
 * Where berth keeps what it can always rebuild (the completion candidates):
 * `$BERTH_CACHE_DIR`, else `$XDG_CACHE_HOME/berth`, else `~/.cache/berth`. The shell scripts compute the same path.
 */
export const cacheDir = (env: NodeJS.ProcessEnv = process.env): string =>
  env['BERTH_CACHE_DIR'] ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'berth');
