import test from 'ava';
import { parseBenchArgs, FULL, QUICK, SECTIONS } from '../../bench/config.js';
import { boundVerdict, figure, figureLine, FIGURE_KEYS, resultsJson, resultsProblems } from '../../bench/figure.js';
import { fill, openstackRecords, toTemplate } from '../../bench/log/templates.js';
import { applyEvent, initialInventory } from '../../events/inventory.js';
import { parseRecord } from '../../events/parse.js';

// No timing assertions here: the bench measures, tests only check what it writes.

test('a tiny run of the fold figure writes results.json entries with exactly the fields issue 9 names', (t) => {
  const texts = openstackRecords().slice(0, 200).map((e, i) => fill(toTemplate(e).body, 1, `t-${i}`, '2026-01-01T00:00:00.000000000Z'));
  let t0 = performance.now();
  for (const s of texts) JSON.parse(s);
  const parseMs = performance.now() - t0;
  const inv = initialInventory();
  t0 = performance.now();
  for (const [i, s] of texts.entries()) {
    const r = parseRecord(s, i + 1);
    if (r.ok) applyEvent(inv, r.event);
  }
  const foldMs = performance.now() - t0;
  const f = figure('fold events/s vs JSON.parse', 'events/s', texts.length / foldMs * 1000, texts.length / parseMs * 1000, { kind: 'ratio-min', value: 0.9 });
  const written = JSON.parse(resultsJson([f])) as Record<string, unknown>[];
  t.deepEqual(resultsProblems(written), []);
  t.deepEqual(Object.keys(written[0] ?? {}), [...FIGURE_KEYS]);
  t.is(inv.counters.events, texts.length);
  t.is(typeof written[0]?.['met'], 'boolean');
});

test('the ratio is berth over baseline, and met follows the kind of goal', (t) => {
  const rate = figure('ingest msg/s vs raw publish', 'msg/s', 800, 1000, { kind: 'ratio-min', value: 0.8 });
  t.is(rate.ratio, 0.8);
  t.true(rate.met);
  t.is(rate.goal, 'ratio >= 0.8');
  t.false(figure('ps ms vs docker ps', 'ms', 120, 25, { kind: 'ratio-max', value: 4 }).met);
  t.true(figure('vms ms vs openstack', 'ms', 100, 2900, { kind: 'ratio-max', value: 0.05, text: 'ratio <= 0.05 (20x faster)' }).met);
  const abs = figure('--at ms vs raw read', 'ms', 2500, 20_000, { kind: 'berth-max', value: 2000 });
  t.false(abs.met);
  t.is(abs.goal, 'berth <= 2000 ms');
  const ctx = figure('--version ms vs docker --version', 'ms', 300, 30, { kind: 'none' });
  t.is(ctx.goal, null);
  t.is(ctx.met, null);
  t.regex(figureLine(ctx), /: context$/);
  t.regex(figureLine(abs, 'seen on 3 runs'), /NOT MET {2}\(seen on 3 runs\)$/);
});

test('a side that could not be measured is written as null and its goal as not measured', (t) => {
  const f = figure('ingest msg/s vs raw publish', 'msg/s', Number.NaN, 1000, { kind: 'ratio-min', value: 0.8 });
  t.is(f.met, null);
  t.regex(figureLine(f), /NOT MEASURED/);
  const [w] = JSON.parse(resultsJson([f])) as Record<string, unknown>[];
  t.is(w?.['berth'], null);
  t.is(w?.['ratio'], null);
  t.deepEqual(resultsProblems([w]), []);
});

test('the shape check names what is wrong with a results file', (t) => {
  t.deepEqual(resultsProblems({}), ['not an array']);
  const problems = resultsProblems([{ name: 'no baseline named', unit: 'ms', berth: 1, baseline: 2, ratio: 0.5, goal: null }, { name: 'a vs b', unit: '', berth: '1', baseline: 2, ratio: 0.5, goal: 3, met: 'yes', extra: 1 }]);
  t.true(problems.some((p) => p.startsWith('[0] has keys')));
  t.true(problems.some((p) => p.startsWith('[0] name must name its baseline')));
  t.true(problems.some((p) => p === '[1] unit must be a non-empty string'));
  t.true(problems.some((p) => p === '[1] berth must be a number or null'));
  t.true(problems.some((p) => p === '[1] goal must be a string or null'));
  t.true(problems.some((p) => p === '[1] met must be a boolean or null'));
});

test('bench arguments: --json with or without a file, --only and --skip, --quick sizes, and a clear error otherwise', (t) => {
  const all = parseBenchArgs([], '/x/results.json');
  t.deepEqual(all.sections, [...SECTIONS]);
  t.is(all.json, null);
  t.is(all.sizes, FULL);
  t.is(parseBenchArgs(['--json'], '/x/results.json').json, '/x/results.json');
  t.is(parseBenchArgs(['--json', 'out.json', '--quick'], '/x/results.json').json, 'out.json');
  const some = parseBenchArgs(['--quick', '--only', 'fold,at,memory', '--skip', 'at', '--keep-servers'], 'r.json');
  t.deepEqual(some.sections, ['fold', 'memory']);
  t.is(some.sizes, QUICK);
  t.true(some.keepServers);
  t.throws(() => parseBenchArgs(['--only', 'fold,nope'], 'r.json'), { message: /--only takes sections from/ });
  t.throws(() => parseBenchArgs(['--fast'], 'r.json'), { message: /unknown argument '--fast'/ });
});

test('a bound below the goal puts it out of reach; one above says nothing of it; a failed or meaningless measurement gives no verdict', (t) => {
  t.like(boundVerdict(19_000, 29_000, 'msg/s'), { valid: true });
  t.regex(boundVerdict(19_000, 29_000, 'msg/s').text, /^below the ingest goal of 29,000 msg\/s .*out of reach/);
  t.regex(boundVerdict(30_000, 29_000, 'msg/s').text, /^not below .*does not put the goal out of reach/);
  for (const [bound, goal] of [[Number.NaN, 29_000], [19_000, Number.NaN], [-5, 29_000], [Number.POSITIVE_INFINITY, 29_000], [19_000, 0]]) {
    const v = boundVerdict(bound as number, goal as number, 'msg/s');
    t.false(v.valid, `${bound} against ${goal}`);
    t.regex(v.text, /^no verdict/);
  }
  const failed = boundVerdict(19_000, 29_000, 'msg/s', 'the broker closed the relay\'s channel');
  t.false(failed.valid);
  t.is(failed.text, "no verdict on the goal: the broker closed the relay's channel");
});
