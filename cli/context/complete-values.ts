import { ModelClient } from '../../daemon/query/client.js';
import { DEFAULT_NATS_URL } from '../../daemon/main.js';
import type { EntityKind } from '../../events/inventory.js';
import { maskUrl } from '../../events/mask-url.js';
import { ENTITY_KINDS, shellSafe } from '../../completions/candidates.js';
import type { Candidate, EntityCandidateKind } from '../../completions/candidates.js';
import { cacheKey, FRESH_MS, readCandidates, writeCandidates } from './completion-cache.js';
import type { ConnectionFlagValues } from './resolve.js';
import { resolveConnection } from './resolve.js';
import { readContexts } from './store.js';

/** How long `berth __complete` may wait for NATS before it answers from the (stale) cache. */
export const LIVE_DEADLINE_MS = 2000;

const contextCandidates = async (): Promise<Candidate[]> => {
  const data = await readContexts();
  return Object.entries(data.contexts).filter(([name]) => shellSafe(name)).sort(([a], [b]) => a.localeCompare(b))
    .map(([name, c]) => ({ value: name, description: `${name === data.current ? '(current) ' : ''}${maskUrl((c.nats ?? ['default NATS']).join(','))}`.slice(0, 60) }));
};

const within = <T>(ms: number, p: Promise<T>): Promise<T | undefined> =>
  Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms).unref())]);

/** Reads the model for a kind and refreshes its cache; undefined when NATS did not answer in time. */
const fetchLive = async (kind: EntityCandidateKind, flags: ConnectionFlagValues): Promise<Candidate[] | undefined> => {
  const conn = resolveConnection(flags, await readContexts());
  const kinds: EntityKind[] = kind === 'host' ? ['host', 'vm'] : [kind];
  const load = async (): Promise<Candidate[]> => {
    const client = await ModelClient.open(conn.url ?? DEFAULT_NATS_URL, conn.prefix, { auth: conn.auth, timeoutMs: LIVE_DEADLINE_MS });
    try {
      const view = await client.load(kinds);
      await writeCandidates(cacheKey(conn), view, kinds);
      return (await readCandidates(cacheKey(conn), kind))?.candidates ?? [];
    } finally {
      await client.close().catch(() => undefined);
    }
  };
  return within(LIVE_DEADLINE_MS, load().catch(() => undefined));
};

/**
 * Candidates for `berth __complete KIND`: contexts from the contexts file; entities from the
 * cache when fresh, else from NATS (refreshing the cache) within LIVE_DEADLINE_MS, else from the
 * stale cache. Never throws: a completion that fails offers nothing.
 */
export const completeValues = async (kind: string, flags: ConnectionFlagValues): Promise<Candidate[]> => {
  try {
    if (kind === 'context') return await contextCandidates();
    if (!(ENTITY_KINDS as readonly string[]).includes(kind)) return [];
    const k = kind as EntityCandidateKind;
    const cached = await readCandidates(cacheKey(resolveConnection(flags, await readContexts())), k);
    if (cached !== undefined && cached.ageMs < FRESH_MS) return cached.candidates;
    return (await fetchLive(k, flags)) ?? cached?.candidates ?? [];
  } catch {
    return [];
  }
};
