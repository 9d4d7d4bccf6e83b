import test from 'ava';
import { BerthError, BugError } from '../../../events/errors.js';
import { selectColumns } from '../../../cli/output/columns.js';
import { UsageError } from '../../../cli/output/errors.js';
import { boxColumns } from './hostile-rows.js';

const ids = (cols: readonly { id: string }[]): string[] => cols.map((c) => c.id);

test('no -c means the default columns', (t) => {
  t.deepEqual(ids(selectColumns(boxColumns, undefined, ['id', 'name'])), ['id', 'name']);
  t.deepEqual(ids(selectColumns(boxColumns, [], ['state'])), ['state']);
});

test('-c matches ids and headers ignoring case, in the order asked', (t) => {
  t.deepEqual(ids(selectColumns(boxColumns, ['STATE', 'Id', 'name'], ['id'])), ['state', 'id', 'name']);
});

test('-c accepts comma-separated lists and prints a repeated column once', (t) => {
  t.deepEqual(ids(selectColumns(boxColumns, ['id,ports', ' ports ', 'ID'], ['id'])), ['id', 'ports']);
});

test('an unknown column is a usage error listing the valid ids', (t) => {
  const err = t.throws(() => selectColumns(boxColumns, ['id', 'nope'], ['id']), { instanceOf: UsageError });
  t.is(err.code, 'E_USAGE');
  t.true(err instanceof BerthError);
  t.is(err.message, "Column 'nope' does not exist. Valid columns: id, name, state, ports, labels, note.");
  t.deepEqual(err.valid, ['id', 'name', 'state', 'ports', 'labels', 'note']);
  t.truthy(err.hint);
});

test('an unknown hostile column name is echoed sanitized', (t) => {
  const err = t.throws(() => selectColumns(boxColumns, ['\u001b[2J'], ['id']), { instanceOf: UsageError });
  t.false(err.message.includes('\u001b'));
  t.true(err.message.includes('\\x1b[2J'));
});

test('a default that names no column is a bug, not a usage error', (t) => {
  t.throws(() => selectColumns(boxColumns, undefined, ['missing']), { instanceOf: BugError });
});
