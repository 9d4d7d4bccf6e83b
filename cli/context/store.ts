import { readFileSync } from 'node:fs';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import type { Adapter } from 'lowdb';
import { ConfigError } from '../../events/errors.js';
import { checkContexts, emptyContexts } from './context.js';
import type { ContextsData } from './context.js';
import { contextsFile } from './paths.js';

/**
 * lowdb's adapter for the contexts file. Always written owner-only (0600, its folder 0700),
 * created that way before any byte goes in (a stored password must never be readable by
 * others, even for a moment), and replaced atomically by a rename.
 */
export class ContextsFile implements Adapter<ContextsData> {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  /**
   * Read at once (every command reads it first, to resolve its connection): an asynchronous read
   * is four requests through the thread pool, which a cold read command otherwise barely starts.
   */
  async read(): Promise<ContextsData | null> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new ConfigError(`The contexts file '${this.path}' could not be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`, { hint: 'Check its permissions, or set BERTH_CONFIG_DIR to another folder.' });
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new ConfigError(`The contexts file '${this.path}' is not valid JSON (${(err as Error).message}).`, { hint: 'Fix it by hand, or move it away and add the contexts again.' });
    }
    return checkContexts(data, this.path);
  }

  async write(data: ContextsData): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 });
    await chmod(tmp, 0o600); // the mode above is filtered by umask; this one is not
    await rename(tmp, this.path);
  }
}

/** The contexts, ready to read and (for `berth context ...`) to change with `db.update()`. */
export const openContexts = async (env: NodeJS.ProcessEnv = process.env): Promise<Low<ContextsData>> => {
  const db = new Low<ContextsData>(new ContextsFile(contextsFile(env)), emptyContexts());
  await db.read();
  return db;
};

/** Only the data: what every command reads to resolve its connection. A missing file is no contexts. */
export const readContexts = async (env: NodeJS.ProcessEnv = process.env): Promise<ContextsData> => (await openContexts(env)).data;
