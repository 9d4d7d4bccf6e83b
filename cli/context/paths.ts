import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * A directory variable's value, or undefined when it is unset or empty: the XDG Base Directory
 * specification treats an empty XDG_* as unset, and so do the shell scripts (`${X:-...}`) and
 * bin/run.js (`||`); an empty value taken as set made paths relative to the working directory.
 */
const dirVar = (env: NodeJS.ProcessEnv, name: string): string | undefined => (env[name] === '' ? undefined : env[name]);

/** Where berth keeps its small local settings (contexts): `$BERTH_CONFIG_DIR`, else `$XDG_CONFIG_HOME/berth`, else `~/.config/berth`. */
export const configDir = (env: NodeJS.ProcessEnv = process.env): string =>
  dirVar(env, 'BERTH_CONFIG_DIR') ?? join(dirVar(env, 'XDG_CONFIG_HOME') ?? join(homedir(), '.config'), 'berth');

/** The contexts file. */
export const contextsFile = (env: NodeJS.ProcessEnv = process.env): string => join(configDir(env), 'contexts.json');

/**
 * Where berth keeps what it can always rebuild (the completion candidates):
 * `$BERTH_CACHE_DIR`, else `$XDG_CACHE_HOME/berth`, else `~/.cache/berth`. The shell scripts compute the same path.
 */
export const cacheDir = (env: NodeJS.ProcessEnv = process.env): string =>
  dirVar(env, 'BERTH_CACHE_DIR') ?? join(dirVar(env, 'XDG_CACHE_HOME') ?? join(homedir(), '.cache'), 'berth');
