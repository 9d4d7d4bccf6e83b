import { setImmediate as nextTurn } from 'node:timers/promises';
import { runInNewContext } from 'node:vm';
import test from 'ava';
import { collectGarbageNow } from '../../daemon/heap.js';

test('garbage is collected at once, and gc is not left exposed to code that runs after', async (t) => {
  const ref = new WeakRef({ big: new Array(1000).fill('x') });
  // A WeakRef keeps its target until the end of the turn that made (or last read) it.
  await nextTurn();
  collectGarbageNow();
  t.is(ref.deref(), undefined);
  t.is(runInNewContext('typeof gc'), 'undefined');
});
