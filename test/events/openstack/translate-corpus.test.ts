import test from 'ava';
import { decodeOslo } from '../../../events/translate/oslo-envelope.js';
import { corpusEntry, corpusFilesUnder, readCorpus, secretValues, translateBody } from '../../support/openstack-corpus.js';

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/;
const FOLDERS = [
  'nova/versioned', 'nova/versioned-resolved', 'nova/legacy', 'neutron', 'heat', 'magnum', 'oslo/generated',
];

for (const folder of FOLDERS) {
  test(`every notification in ${folder} decodes and translates to at least one event, with no token left`, (t) => {
    const files = corpusFilesUnder(folder);
    t.true(files.length > 0);
    for (const rel of files) {
      const entry = corpusEntry(rel);
      if (entry.kind !== 'bodies') continue;
      t.true(entry.bodies.length > 0, rel);
      for (const body of entry.bodies) {
        const events = translateBody(body);
        if (events.length === 0) t.fail(`${rel}: vanished`);
        const json = JSON.stringify(events);
        for (const tok of secretValues(body)) if (json.includes(tok)) t.fail(`${rel}: token ${tok} leaked`);
        for (const e of events) {
          if (!CANONICAL.test(e.at)) t.fail(`${rel}: at ${e.at}`);
          if (e.source.kind !== 'openstack' || e.source.host === '') t.fail(`${rel}: source ${JSON.stringify(e.source)}`);
          if (!e.id.startsWith('os-')) t.fail(`${rel}: id ${e.id}`);
        }
        if (new Set(events.map((e) => e.id)).size !== events.length) t.fail(`${rel}: duplicate ids within one message`);
      }
    }
  });

  test(`files of ${folder} that hold no notification would be dead-lettered, not lost`, (t) => {
    const skipped = corpusFilesUnder(folder).filter((rel) => corpusEntry(rel).kind !== 'bodies');
    for (const rel of skipped.filter((r) => r.endsWith('.json'))) t.false(decodeOslo(readCorpus(rel)).ok, rel);
    t.snapshot(skipped.map((rel) => {
      const e = corpusEntry(rel);
      return `${rel}: ${e.kind === 'bodies' ? '' : e.why}`;
    }));
  });

  test(`${folder} translates to the recorded golden events`, (t) => {
    const out = corpusFilesUnder(folder).flatMap((rel) => {
      const entry = corpusEntry(rel);
      if (entry.kind !== 'bodies') return [];
      return [{ file: rel, events: entry.bodies.flatMap(translateBody).map((e) => ({ id: e.id, type: e.type, at: e.at, source: e.source, subject: e.subject, data: e.data })) }];
    });
    t.snapshot(out);
  });
}

test('the wire duplicate of one notification on two topics keeps one event id', (t) => {
  const base = 'oslo/generated/nova-legacy-two-topics-notifications+monitor__';
  const [a] = translateBody(readBody(`${base}notifications.info.body.json`));
  const [b] = translateBody(readBody(`${base}monitor.info.body.json`));
  t.truthy(a);
  t.is(a?.id, b?.id);
});

const readBody = (rel: string): string => {
  const e = corpusEntry(rel);
  if (e.kind !== 'bodies' || e.bodies[0] === undefined) throw new Error(rel);
  return e.bodies[0];
};
