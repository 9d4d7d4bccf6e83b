import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { candidates, ENTITY_KINDS, fromLines, toLines } from '../../completions/candidates.js';
import type { Candidate, CandidateSource, EntityCandidateKind } from '../../completions/candidates.js';
import type { Connection } from './resolve.js';
import { cacheDir } from './paths.js';
import { sha256Hex } from './sha256.js';

/** How long candidates count as fresh; after that `berth __complete` asks NATS again (and falls back to them). */
export const FRESH_MS = 5 * 60_000;

/**
 * The folder of one connection's candidates. `default` is the one for commands that named no
 * context, server or prefix (flag or variable): the shell scripts read it without starting berth.
 * Others are named by a SHA-256 of the connection (sha256.ts, without node:crypto: a cold read
 * command loads nothing of it).
 */
export const cacheKey = (conn: Connection): string =>
  conn.implicit ? 'default' : `k${sha256Hex(`${conn.context ?? ''}\n${conn.url ?? ''}\n${conn.prefix}`).slice(0, 16)}`;

export const completionDir = (key: string, env: NodeJS.ProcessEnv = process.env): string => join(cacheDir(env), 'completions', key);

const bound = new WeakMap<object, string>();

/** Remembers which cache folder a model client's reads refresh. */
export const bindCandidateCache = (client: object, conn: Connection): void => {
  bound.set(client, cacheKey(conn));
};

const isKind = (k: string): k is EntityCandidateKind => (ENTITY_KINDS as readonly string[]).includes(k);

/**
 * Writes the candidates of each kind to its file (atomically); `kinds` must have been read in full.
 * Synchronous inside: a few small files, written in well under a millisecond, where each
 * asynchronous step was a round trip through the thread pool (which a cold read command otherwise
 * barely starts) and a turn of the event loop.
 */
export const writeCandidates = async (key: string, source: CandidateSource, kinds: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> => {
  const dir = completionDir(key, env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const kind of kinds.filter(isKind)) {
    const file = join(dir, kind);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, toLines(candidates(kind, source)), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  }
};

/**
 * After a successful read of the current model: refresh the completion candidates of the kinds
 * read. Never fails the command (a cache that cannot be written is only a slower TAB).
 */
export const rememberCandidates = async (client: object, source: CandidateSource, kinds: readonly string[]): Promise<void> => {
  const key = bound.get(client);
  if (key === undefined) return;
  await writeCandidates(key, source, kinds).catch(() => undefined);
};

/** The cached candidates of a kind and their age, or undefined when there are none. */
export const readCandidates = async (key: string, kind: string, env: NodeJS.ProcessEnv = process.env): Promise<{ candidates: Candidate[]; ageMs: number } | undefined> => {
  const file = join(completionDir(key, env), kind);
  try {
    const [text, st] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    return { candidates: fromLines(text), ageMs: Date.now() - st.mtimeMs };
  } catch {
    return undefined;
  }
};

/** Forgets the `default` candidates: the current context changed, so they may describe another installation. */
export const clearDefaultCandidates = async (env: NodeJS.ProcessEnv = process.env): Promise<void> => {
  await rm(completionDir('default', env), { recursive: true, force: true });
};
