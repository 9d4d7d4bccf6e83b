import test from 'ava';
import { envelopeProblem } from '../../events/envelope-check.js';

const valid = {
  id: 'dk-1', type: 'ContainerStarted', v: 1, at: '2026-11-23T10:00:00.000000000Z', observedAt: '2026-11-23T10:00:00.100000000Z',
  source: { kind: 'docker', host: 'vm' }, subject: { kind: 'container', id: 'c1' }, data: {},
  raw: '{}', rawRef: { bytes: 2, hash: 'ab' }, chain: { writer: 'w', n: 1, prev: '', hash: 'h' },
};

test('a whole envelope, with or without its optional parts, is one', (t) => {
  t.is(envelopeProblem(valid), null);
  const bare: Record<string, unknown> = { ...valid };
  for (const k of ['raw', 'rawRef', 'chain']) delete bare[k];
  t.is(envelopeProblem(bare), null);
});

test('each broken part is named by its path', (t) => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ id: '' }, /^id:/], [{ id: 7 }, /^id:/], [{ type: '' }, /^type:/], [{ v: 1.5 }, /^v:/], [{ v: '1' }, /^v:/],
    [{ at: '2026-11-23T10:00:00Z' }, /^at:/], [{ observedAt: null }, /^observedAt:/],
    [{ source: 'docker' }, /^source:/], [{ source: { kind: 'ftp', host: 'vm' } }, /^source\.kind:/], [{ source: { kind: 'docker' } }, /^source\.host:/],
    [{ subject: { kind: 'container' } }, /^subject\.id:/], [{ subject: [] }, /^subject:/],
    [{ data: [] }, /^data:/], [{ data: null }, /^data:/], [{ raw: 5 }, /^raw:/],
    [{ rawRef: { bytes: '2', hash: 'ab' } }, /^rawRef:/], [{ chain: { writer: 'w', n: 1, prev: '' } }, /^chain:/],
  ];
  for (const [patch, want] of cases) t.regex(envelopeProblem({ ...valid, ...patch }) ?? 'null', want, JSON.stringify(patch));
  t.regex(envelopeProblem([valid]) ?? '', /an array/);
  t.regex(envelopeProblem(null) ?? '', /null/);
});
