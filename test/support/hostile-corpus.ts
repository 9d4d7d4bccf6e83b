// The hostile corpus of test/fixtures/hostile/ (index.json describes every case): each case's
// input as the bytes a real path carries, generated here when too large to keep in the repository.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './daemon-harness.js';
import { novaVersioned } from './amqp.js';

export const HOSTILE_DIR = join(ROOT, 'test', 'fixtures', 'hostile');

export type HostileCase = Readonly<{
  name: string;
  via: 'amqp' | 'docker-events' | 'container';
  file: string;
  expect: 'stored' | 'dead-lettered';
  description: string;
  /** For dead letters: a regular expression their reason matches. */
  reason?: string;
  /** A list command whose output must show the case, escaped. */
  screen?: 'vms' | 'events' | 'ps';
  secrets?: string[];
  routingKey?: string;
  headers?: Record<string, unknown>;
}>;

type Recipe = { generate: string; depth?: number; bytes?: number; inflated?: number; keys?: number };

export const hostileCases = (): HostileCase[] => (JSON.parse(readFileSync(join(HOSTILE_DIR, 'index.json'), 'utf8')) as { cases: HostileCase[] }).cases;

/** A valid oslo 2.0 notification of the case (a new VM named after it), with `@MORE@` in its payload data for a generator to fill. */
const baseInner = (name: string): Record<string, unknown> => {
  const outer = JSON.parse(novaVersioned({ messageId: name, uuid: `${name}-uuid`, name, state: 'active', action: 'create', timestamp: '2026-11-23 10:00:00.000001' })) as Record<string, string>;
  return JSON.parse(outer['oslo.message'] ?? '{}') as Record<string, unknown>;
};

const envelope = (innerText: string): string => JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': innerText });

/** Inner JSON text with `extra` spliced into the payload's data as raw JSON text (it may be too deep for JSON.stringify). */
const withData = (name: string, key: string, rawJson: string): string =>
  JSON.stringify(baseInner(name)).replace('"nova_object.data":{', `"nova_object.data":{"${key}":${rawJson},`);

const generate = (name: string, r: Recipe): Buffer => {
  switch (r.generate) {
    case 'deep-payload':
      return Buffer.from(envelope(withData(name, 'deep', '['.repeat(r.depth ?? 0) + ']'.repeat(r.depth ?? 0))));
    case 'padded-payload':
      return Buffer.from(envelope(withData(name, 'pad', JSON.stringify('x'.repeat(r.bytes ?? 0)))));
    case 'many-keys':
      return Buffer.from(envelope(withData(name, 'many', JSON.stringify(Object.fromEntries(Array.from({ length: r.keys ?? 0 }, (_, i) => [`k${i}`, i]))))));
    case 'long-event-type': {
      const inner = baseInner(name);
      inner['event_type'] = `instance.${'x'.repeat(r.bytes ?? 0)}.end`;
      return Buffer.from(envelope(JSON.stringify(inner)));
    }
    case 'gzip-bomb':
      return gzipSync(Buffer.alloc(r.inflated ?? 0, 0x20), { level: 9 });
    case 'gzip':
      return gzipSync(envelope(JSON.stringify(baseInner(name))));
    case 'gzip-truncated': {
      const z = gzipSync(envelope(JSON.stringify(baseInner(name))));
      return z.subarray(0, Math.floor(z.length / 2));
    }
    case 'long-line':
      return Buffer.from(`{"Type":"container","Action":"die","Actor":{"ID":"${name}","Attributes":{"pad":"${'x'.repeat(r.bytes ?? 0)}"}},"timeNano":1763892000000000001}`);
    default:
      throw new Error(`unknown recipe '${r.generate}' in ${name}`);
  }
};

/** The case's input: the file's bytes, or what its recipe (`*.gen.json`) makes. */
export const hostileInput = (c: HostileCase): Buffer => {
  const bytes = readFileSync(join(HOSTILE_DIR, c.file));
  return c.file.endsWith('.gen.json') ? generate(c.name, JSON.parse(bytes.toString('utf8')) as Recipe) : bytes;
};
