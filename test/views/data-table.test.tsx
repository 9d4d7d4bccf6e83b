import test from 'ava';
import { Box, renderToString, Text } from 'ink';
import { DataTable } from '../../views/components/data-table.js';
import type { DataTableProps } from '../../views/components/data-table.js';
import { cell, fitColumns } from '../../views/format/fit.js';
import { inkWidth } from '../support/ink-width.js';
import type { Row } from '../../views/rows.js';
import { stateColor, theme } from '../../views/theme.js';

// Ink's own chalk decides the colours: turned on here, so that styles are compared too.
const inkChalk = (await import(new URL('../../node_modules/ink/node_modules/chalk/source/index.js', import.meta.url).href)) as { default: { level: number } };

const HEADERS = ['Container ID', 'Name', 'State', 'Ports'];
const IDS = ['id', 'name', 'state', 'ports'];

const rowOf = (key: string, cells: string[]): Row => ({ key, row: {}, cells });

/** The table's lines as they were drawn before: each one text, cut at the end, cells as nested coloured texts. */
const reference = (p: DataTableProps) => {
  const heads = p.shown.map((i) => p.headers[i] ?? '');
  const visible = p.rows.map((r) => p.shown.map((i) => r.cells[i] ?? ''));
  const widths = fitColumns(heads, visible, p.shown.map((i) => p.caps[i]), p.width - 2);
  return (
    <Box flexDirection="column" height={p.height} width={p.width} overflowY="hidden">
      <Text wrap="truncate-end" bold color={theme.header}>{'  ' + heads.map((h, i) => cell(h.toUpperCase(), widths[i] ?? 4)).join('  ')}</Text>
      {p.rows.map((r, n) => {
        const parts = visible[n]?.map((c, i) => cell(c, widths[i] ?? 4)) ?? [];
        return (
          <Text key={r.key} wrap="truncate-end" inverse={n === p.cursor}>
            {`${n === p.cursor ? theme.cursorMark : ' '}${p.marks.has(r.key) ? theme.rowMark : ' '}`}
            {parts.map((c, i) => {
              const colour = IDS[p.shown[i] ?? -1] === 'state' ? stateColor(c.trim()) : undefined;
              return <Text key={i} {...(colour === undefined ? {} : { color: colour })}>{i === 0 ? c : `  ${c}`}</Text>;
            })}
          </Text>
        );
      })}
    </Box>
  );
};

test('lines of ASCII with cut marks and the cursor mark, drawn as separate texts, look exactly as one text did (colours, inverse, marks, cuts)', (t) => {
  const level = inkChalk.default.level;
  inkChalk.default.level = 3;
  try {
    const rows = [
      rowOf('a', ['bbbbbbbbbbbb', 'web-1', 'running', '0.0.0.0:8080->80/tcp, [::]:8080->80/tcp, 0.0.0.0:9000->9000/tcp, [::]:9000->9000/tcp']),
      rowOf('b', ['cccccccccccc', 'a-very-long-name-that-is-cut-somewhere-in-the-middle-of-it', 'exited (1)', '']),
      rowOf('c', ['dddddddddddd', 'café', 'paused', '1.2.3.4:1->1/udp']),
      rowOf('d', ['eeeeeeeeeeee', '名前の長いコンテナ', 'running', 'x'.repeat(80)]),
      rowOf('e', ['ffffffffffff', 'x\u202eevil', 'running', '…already cut…']),
    ];
    for (const width of [200, 90, 60, 30]) {
      for (const cursor of [-1, 0, 1, 3]) {
        const props: DataTableProps = { headers: HEADERS, ids: IDS, caps: [undefined, 40, undefined, 60], shown: [0, 1, 2, 3], rows, cursor, marks: new Set(['b', 'c']), width, height: 8, empty: 'none' };
        const drawn = renderToString(<DataTable {...props} />, { columns: width });
        if (width === 200) t.true(drawn.includes('\x1b[32m'), 'in colour');
        t.is(drawn, renderToString(reference(props), { columns: width }), `width ${width}, cursor ${cursor}`);
      }
    }
  } finally {
    inkChalk.default.level = level;
  }
});

test('a row with CJK and emoji names keeps its columns under the header\'s (two cells each, as the terminal draws them)', (t) => {
  const rows = [rowOf('a', ['aaaa', 'web', 'running', '80']), rowOf('b', ['bbbb', '数据库主节点', 'exited', '']), rowOf('c', ['cccc', '🚀rocket', 'running', '']), rowOf('d', ['dddd', '👨‍👩‍👧 ✅ ☕', 'running', ''])];
  const out = renderToString(<DataTable headers={HEADERS} rows={rows} shown={[0, 1, 2, 3]} caps={[12, 40, 10, 20]} width={80} height={6} cursor={-1} marks={new Set()} ids={IDS} empty="" />, { columns: 80 });
  const lines = out.split('\n');
  // Measured as Ink measures (its string-width), not with the code under test.
  const stateAt = (line: string, word: string): number => inkWidth(line.slice(0, line.indexOf(word)));
  const header = stateAt(lines[0] ?? '', 'STATE');
  t.is(stateAt(lines[1] ?? '', 'running'), header, out);
  t.is(stateAt(lines[2] ?? '', 'exited'), header, out);
  t.is(stateAt(lines[3] ?? '', 'running'), header, out);
  t.is(stateAt(lines[4] ?? '', 'running'), header, out);
  t.deepEqual(cell('数据库主节点', 8), '数据库… ', 'cut before a character that would not fit whole, then padded');
});
