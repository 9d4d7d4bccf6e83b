import test from 'ava';
import type { DockerClient } from '../../../../daemon/sources/docker/client.js';
import { inspectOnce } from '../../../../daemon/sources/docker/engine-source.js';
import { loadSnapshot } from '../../../support/corpus.js';

/** A client that answers inspects from the corpus snapshot (under each asked id), counting calls and how many were open at once. */
const fakeClient = (gone: ReadonlySet<string>, failing: ReadonlySet<string>) => {
  const calls: string[] = [];
  let open = 0;
  let maxOpen = 0;
  const client = {
    inspectContainer: async (id: string) => {
      calls.push(id);
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      await new Promise((r) => setTimeout(r, 2));
      open -= 1;
      if (failing.has(id)) throw new Error('engine went away');
      if (gone.has(id)) return null;
      const j = loadSnapshot('container-inspect-ev-web.json') as Record<string, unknown>;
      return { ...j, Id: id };
    },
  } as unknown as DockerClient;
  return { client, calls, maxOpen: () => maxOpen };
};

test('each container of a batch is inspected once however many of its events asked, at most 8 at a time; gone or failing ones are null', async (t) => {
  const id = (i: number): string => `c0ffee${String(i).padStart(6, '0')}`;
  const ids = Array.from({ length: 40 }, (_, i) => id(i % 20));
  const f = fakeClient(new Set([id(3)]), new Set([id(4)]));
  const snaps = await inspectOnce(f.client, ids);
  t.is(f.calls.length, 20);
  t.is(new Set(f.calls).size, 20);
  t.true(f.maxOpen() <= 8 && f.maxOpen() > 1, `${f.maxOpen()} at once`);
  t.is(snaps.size, 20);
  t.is(snaps.get(id(3)), null);
  t.is(snaps.get(id(4)), null);
  t.is(snaps.get(id(7))?.containerId, id(7));
  t.is((await inspectOnce(f.client, [])).size, 0);
});
