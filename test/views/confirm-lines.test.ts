import test from 'ava';
import { confirmLines, confirmQuestion } from '../../views/components/confirm.js';
import type { PendingAction } from '../../views/state/console-state.js';

const stop = (n: number, nameLength = 30): PendingAction => ({
  action: 'stop',
  targets: Array.from({ length: n }, (_, i) => ({ ref: { kind: 'container', id: `${i}` }, label: `container 'web-${i}-${'x'.repeat(nameLength)}'` })),
});

/** How many targets the lines name, and how many they count as more: together, every target. */
const accounted = (lines: readonly string[], p: PendingAction): number =>
  p.targets.filter((t) => lines.some((l) => l.includes(t.label))).length + Number(/… and (\d+) more\?/.exec(lines.join('\n'))?.[1] ?? 0);

test('one line when the question fits, as before', (t) => {
  t.deepEqual(confirmLines(stop(2, 3), 120), [confirmQuestion(stop(2, 3))]);
  t.deepEqual(confirmLines(stop(1, 200), 40), [confirmQuestion(stop(1, 200))], 'one target: its line, cut where it is drawn');
});

test('many targets: the count, then whole names line by line, and what does not fit counted; every line fits', (t) => {
  for (const [n, width, maxLines] of [[9, 80, 6], [40, 80, 6], [9, 80, 2], [9, 80, 1], [3, 80, 1], [9, 30, 1], [12, 200, 3]] as const) {
    const p = stop(n);
    const lines = confirmLines(p, width, maxLines);
    const what = `${n} targets, ${width} columns, ${maxLines} lines: ${JSON.stringify(lines)}`;
    t.true(lines.length <= maxLines, what);
    t.true(lines.every((l) => l.length <= width), what);
    t.regex(lines[0] ?? '', new RegExp(`^Stop ${n} targets`), what);
    // Named or counted, or (no name fits) the count alone: `Stop 9 targets?`.
    if (lines.join('\n') !== `Stop ${n} targets?`) t.is(accounted(lines, p), n, what);
  }
});

test('on one line: the count first, then the names that fit and how many more', (t) => {
  t.deepEqual(confirmLines(stop(9, 5), 80, 1), ["Stop 9 targets: container 'web-0-xxxxx', container 'web-1-xxxxx', … and 7 more?"]);
  t.deepEqual(confirmLines(stop(9), 30, 1), ['Stop 9 targets?'], 'no name fits: the count alone');
});
