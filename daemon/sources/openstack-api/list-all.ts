import type { Cloud } from '../../openstack/keystone.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Most pages followed for one listing: a guard against a service that keeps answering `next`. */
const MAX_PAGES = 1000;

/**
 * The `next` page of a listing, whichever way the service says it: Nova and Neutron
 * `<key>_links` / Heat `links` with `rel: next`, Magnum, Zun and Glance a `next` URL or path.
 */
export const nextOf = (body: Json, key: string): string | undefined => {
  for (const links of [body[`${key}_links`], body['links']]) {
    if (!Array.isArray(links)) continue;
    const next = links.find((l): l is Json => isObj(l) && l['rel'] === 'next');
    if (next !== undefined && typeof next['href'] === 'string') return next['href'];
  }
  return typeof body['next'] === 'string' && body['next'] !== '' ? body['next'] : undefined;
};

/**
 * Every item of a listing (`GET path` → `{<key>: [...]}`), following `next` pages. Throws what
 * `cloud.request` throws (OpenStackApiError, OpenStackUnreachableError), or a plain Error when
 * the answer is not a listing: the caller then judges nothing of that kind.
 */
export const listAll = async (cloud: Cloud, service: string, path: string, key: string, headers: Readonly<Record<string, string>> = {}): Promise<Json[]> => {
  const out: Json[] = [];
  const seen = new Set<string>();
  let next: string | undefined = path;
  for (let page = 0; next !== undefined && page < MAX_PAGES; page++) {
    if (seen.has(next)) break;
    seen.add(next);
    const reply = await cloud.request(service, 'GET', next, undefined, headers);
    const body = reply.body;
    if (!isObj(body) || !Array.isArray(body[key])) throw new Error(`${service} ${path} answered without a '${key}' list`);
    const items = (body[key] as unknown[]).filter(isObj);
    // A service that ignores the marker would send the same page again: stop rather than loop.
    if (items.length === 0) break;
    out.push(...items);
    next = nextOf(body, key);
  }
  return out;
};
