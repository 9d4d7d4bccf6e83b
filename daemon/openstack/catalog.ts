/** One endpoint of a service in a Keystone v3 catalog. */
export type CatalogEndpoint = Readonly<{ interface: string; region: string | undefined; url: string }>;
/** One service of the catalog: its type (`compute`, `network`, `container`...) and endpoints. */
export type CatalogService = Readonly<{ type: string; name: string | undefined; endpoints: readonly CatalogEndpoint[] }>;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The catalog of a token body (`token.catalog`), with malformed entries dropped. */
export const parseCatalog = (raw: unknown): CatalogService[] => {
  if (!Array.isArray(raw)) return [];
  const out: CatalogService[] = [];
  for (const s of raw) {
    if (!isObj(s) || str(s['type']) === undefined) continue;
    const eps = Array.isArray(s['endpoints']) ? s['endpoints'] : [];
    const endpoints: CatalogEndpoint[] = [];
    for (const e of eps) {
      if (!isObj(e)) continue;
      const url = str(e['url']);
      const iface = str(e['interface']);
      if (url === undefined || iface === undefined) continue;
      endpoints.push({ interface: iface, region: str(e['region_id']) ?? str(e['region']), url });
    }
    out.push({ type: str(s['type']) ?? '', name: str(s['name']), endpoints });
  }
  return out;
};

/** The URL of a service's endpoint for an interface (and region, when one is set), without a trailing slash. */
export const findEndpoint = (catalog: readonly CatalogService[], type: string, iface: string, region: string | undefined): string | undefined => {
  const wanted = iface.replace(/URL$/, '');
  for (const s of catalog) {
    if (s.type !== type) continue;
    const ep = s.endpoints.find((e) => e.interface === wanted && (region === undefined || e.region === region));
    if (ep !== undefined) return ep.url.replace(/\/+$/, '');
  }
  return undefined;
};
