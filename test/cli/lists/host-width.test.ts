import test from 'ava';
import { containerColumns, containerDefaults } from '../../../cli/lists/containers.js';
import { HOST_WIDTH } from '../../../cli/lists/format-cells.js';
import { hostColumns, hostDefaults } from '../../../cli/lists/others.js';
import { render } from '../../../cli/output/format.js';
import { blankContainer } from '../../../events/container-slice.js';
import { hostStub } from '../../../events/slices.js';

const AT = '2026-11-23T03:00:00.000000000Z';
const LONG = `h${'x'.repeat(4999)}`;
const pick = <T extends { id: string }>(all: readonly T[], ids: readonly string[]): T[] => ids.map((id) => all.find((c) => c.id === id) as T);

test('one 5,000-character host name is cut in a table, piped or not, and kept whole in JSON and CSV', (t) => {
  const rows = [{ ...blankContainer('a'.repeat(64), LONG, AT), name: 'web', state: 'running' as const }, { ...blankContainer('b'.repeat(64), 'h1', AT), name: 'db', state: 'running' as const }];
  const cols = pick(containerColumns, containerDefaults);
  const table = render(rows, cols, 'table');
  for (const line of table.trimEnd().split('\n')) t.true(line.length < 200, `a line of ${line.length} characters`);
  t.regex(table, new RegExp(`h${'x'.repeat(HOST_WIDTH - 2)}…`));
  t.true(render(rows, cols, 'json').includes(LONG));
  t.true(render(rows, cols, 'csv').includes(LONG));
  const hosts = render([{ ...hostStub(LONG, AT), kind: 'docker', containers: 0, running: 0, vms: 0, azs: [], health: '' }], pick(hostColumns, hostDefaults) as never, 'table');
  for (const line of hosts.trimEnd().split('\n')) t.true(line.length < 300, `hosts: a line of ${line.length} characters`);
});
