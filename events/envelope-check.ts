// The stored record's envelope, checked by hand on the read path: every fold and every read
// command parses each record, and a schema library there cost more than JSON.parse itself and
// ~100 ms of module loading per command. `data` is checked per type by the fold.

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/;
const SOURCE_KINDS = new Set(['docker', 'openstack', 'berth']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Where the record is not an envelope and why (`path: message`), or null when it is one. */
export const envelopeProblem = (j: unknown): string | null => {
  if (!isObj(j)) return `: expected an object, got ${Array.isArray(j) ? 'an array' : j === null ? 'null' : typeof j}`;
  if (!str(j['id']) || j['id'] === '') return 'id: expected a non-empty string';
  if (!str(j['type']) || j['type'] === '') return 'type: expected a non-empty string';
  if (!Number.isInteger(j['v']) || (j['v'] as number) <= 0) return 'v: expected a positive integer';
  if (!str(j['at']) || !AT.test(j['at'])) return 'at: expected a time like 2026-11-23T10:00:00.000000000Z';
  if (!str(j['observedAt'])) return 'observedAt: expected a string';
  const source = j['source'];
  if (!isObj(source)) return 'source: expected an object';
  if (!str(source['kind']) || !SOURCE_KINDS.has(source['kind'])) return `source.kind: expected one of ${[...SOURCE_KINDS].join(', ')}`;
  if (!str(source['host'])) return 'source.host: expected a string';
  const subject = j['subject'];
  if (!isObj(subject)) return 'subject: expected an object';
  if (!str(subject['kind'])) return 'subject.kind: expected a string';
  if (!str(subject['id'])) return 'subject.id: expected a string';
  if (!isObj(j['data'])) return 'data: expected an object';
  if (j['raw'] !== undefined && !str(j['raw'])) return 'raw: expected a string';
  const rawRef = j['rawRef'];
  if (rawRef !== undefined && !(isObj(rawRef) && num(rawRef['bytes']) && str(rawRef['hash']))) return 'rawRef: expected { bytes, hash }';
  const chain = j['chain'];
  if (chain !== undefined && !(isObj(chain) && str(chain['writer']) && num(chain['n']) && str(chain['prev']) && str(chain['hash']))) return 'chain: expected { writer, n, prev, hash }';
  return null;
};
