import test from 'ava';
import { META_KEY, modelEntries } from '../../daemon/model-entries.js';
import { currentWrites } from '../../daemon/projector.js';
import { entityKey } from '../../events/ids.js';
import { fold } from '../../events/inventory.js';
import { aContainerCreated, aContainerStarted, CONTAINER } from '../support/builders.js';

const model = fold([aContainerCreated({ seq: 1 }), aContainerStarted({ seq: 2 })]);
const key = entityKey('container', CONTAINER);

test('a failed key is written again with the value the model holds now', (t) => {
  const want = [...modelEntries(model)].find(([k]) => k === key);
  t.truthy(want, 'the model holds the container');
  t.deepEqual(currentWrites(model, new Set([key]), { seq: 2 }), [[key, JSON.stringify(want?.[1])]]);
});

test('a failed key of an entity the model no longer has is deleted', (t) => {
  const gone = entityKey('container', 'removed-since');
  t.deepEqual(currentWrites(model, new Set([gone]), { seq: 2 }), [[gone, null]]);
});

test('the position is written again as it is now; keys that did not fail are left alone', (t) => {
  const writes = currentWrites(model, new Set([META_KEY]), { seq: 7, events: 2 });
  t.deepEqual(writes, [[META_KEY, JSON.stringify({ seq: 7, events: 2 })]]);
});
