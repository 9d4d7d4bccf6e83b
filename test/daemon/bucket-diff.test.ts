import test from 'ava';
import { BucketDiff } from '../../daemon/bucket-diff.js';
import { META_KEY, modelEntries } from '../../daemon/model-entries.js';
import { entityKey } from '../../events/ids.js';
import { fold } from '../../events/inventory.js';
import { aContainerCreated, aContainerStarted, CONTAINER, HOST } from '../support/builders.js';

const model = fold([aContainerCreated({ seq: 1 }), aContainerStarted({ seq: 2 })]);
const meta = { seq: 2, events: 2 };
const container = entityKey('container', CONTAINER);
const host = entityKey('host', HOST);
const json = (key: string): string => JSON.stringify(new Map(modelEntries(model)).get(key));

/** A bucket holding `values`, read into a diff. */
const read = (values: Readonly<Record<string, string | null>>): BucketDiff => {
  const d = new BucketDiff(model, meta);
  for (const [k, v] of Object.entries(values)) d.seen(k, v);
  return d;
};

test('an empty bucket gets every entity and the position', (t) => {
  const d = read({});
  t.deepEqual([...d.puts()], [...[...modelEntries(model)].map(([k, v]) => [k, JSON.stringify(v)]), [META_KEY, JSON.stringify(meta)]]);
  t.deepEqual([...d.deletes()], []);
});

test('a bucket equal to the model gets no write', (t) => {
  const d = read({ [host]: json(host), [container]: json(container), [META_KEY]: JSON.stringify(meta) });
  t.deepEqual([...d.puts()], []);
  t.deepEqual([...d.deletes()], []);
});

test('a value that differs is put again, a key the model lacks is deleted, a deleted key is put again', (t) => {
  const d = read({ [host]: null, [container]: '{"stale":true}', [META_KEY]: JSON.stringify(meta), 'container.gone': '{}' });
  t.deepEqual([...d.puts()], [[host, json(host)], [container, json(container)]]);
  t.deepEqual([...d.deletes()], ['container.gone']);
});

test('a key read twice counts as its last value', (t) => {
  const d = read({});
  d.seen(container, json(container));
  d.seen(container, '{"stale":true}');
  d.seen('container.gone', '{}');
  d.seen('container.gone', null);
  t.deepEqual([...d.puts()].map(([k]) => k), [host, container, META_KEY]);
  t.deepEqual([...d.deletes()], []);
});
