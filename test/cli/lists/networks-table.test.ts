import test from 'ava';
import { networkColumns, networkDefaults, networkRows } from '../../../cli/lists/networks.js';
import { selectColumns } from '../../../cli/output/columns.js';
import { render } from '../../../cli/output/format.js';
import { fold } from '../../../events/inventory.js';
import { aNetworkCreated } from '../../support/builders.js';

test('berth networks tells the same network name on two engines apart: HOST is a default column', (t) => {
  const inv = fold([
    aNetworkCreated({ networkId: 'a'.repeat(64), name: 'none', driver: 'null', host: 'engine-a' }),
    aNetworkCreated({ networkId: 'b'.repeat(64), name: 'none', driver: 'null', host: 'engine-b' }),
  ]);
  const out = render(networkRows(inv, {}), selectColumns(networkColumns, undefined, networkDefaults), 'table');
  const [head, ...rows] = out.trimEnd().split('\n');
  t.regex(head ?? '', /\bHOST\b/);
  t.true(rows.some((r) => /\bnone\s+engine-a\b/.test(r)), out);
  t.true(rows.some((r) => /\bnone\s+engine-b\b/.test(r)), out);
});
