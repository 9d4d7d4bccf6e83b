import test from 'ava';
import { candidates, fromLines, MAX_CANDIDATES, shellSafe, toLines } from '../../completions/candidates.js';

const cid = 'a'.repeat(12) + 'b'.repeat(52);
const source = {
  containers: new Map<string, unknown>([
    [cid, { name: 'web-1', state: 'running' }],
    ['c'.repeat(64), { name: 'evil\u001b]0;pwned\u0007' }],
    ['d'.repeat(64), { name: '$(rm -rf ~)' }],
    ['e'.repeat(64), { name: 'with space' }],
    ['f'.repeat(64), { name: '--help' }],
  ]),
  hosts: new Map<string, unknown>([['docker-a', { id: 'docker-a' }]]),
  vms: new Map<string, unknown>([
    ['0b5e-uuid', { name: 'vm-a', host: 'compute-1' }],
    ['1c6f-uuid', { name: 'vm-b', host: null }],
  ]),
};

test('containers complete by name and by the 12-character id docker ps shows', (t) => {
  const c = candidates('container', source);
  t.deepEqual(c.find((x) => x.value === 'web-1'), { value: 'web-1', description: 'container aaaaaaaaaaaa' });
  t.deepEqual(c.find((x) => x.value === 'aaaaaaaaaaaa'), { value: 'aaaaaaaaaaaa', description: 'web-1' });
});

test('names a shell would interpret, or that carry escapes, spaces or a leading dash, are never offered (their ids still are)', (t) => {
  const values = candidates('container', source).map((c) => c.value);
  t.deepEqual(values, ['aaaaaaaaaaaa', 'cccccccccccc', 'dddddddddddd', 'eeeeeeeeeeee', 'ffffffffffff', 'web-1']);
  t.false(candidates('container', source).some((c) => /[\u0000-\u001f]/.test(c.description)), 'descriptions are printable');
  for (const bad of ['a b', 'a\tb', '`x`', '$HOME', 'a;b', 'a|b', "it's", 'x\u202e', '-x', '']) t.false(shellSafe(bad), bad);
  for (const good of ['web-1', 'compute-1.example.org', 'ns/name', 'a:b', 'v@1', 'ÄÖ-host']) t.true(shellSafe(good), good);
});

test('hosts include the compute hosts known only from their VMs', (t) => {
  t.deepEqual(candidates('host', source), [{ value: 'compute-1', description: 'compute host' }, { value: 'docker-a', description: 'host' }]);
});

test('VMs complete by name and uuid; a kind with nothing loaded gives nothing', (t) => {
  t.deepEqual(candidates('vm', source).map((c) => c.value), ['0b5e-uuid', '1c6f-uuid', 'vm-a', 'vm-b']);
  t.deepEqual(candidates('stack', source), []);
});

test('at most MAX_CANDIDATES are kept', (t) => {
  const big = new Map<string, unknown>();
  for (let i = 0; i < MAX_CANDIDATES + 50; i++) big.set(`net-${String(i).padStart(6, '0')}`, {});
  t.is(candidates('network', { networks: big }).length, MAX_CANDIDATES);
});

test('the cache lines read back the same, and a tampered line with an unsafe word is dropped', (t) => {
  const c = candidates('container', source);
  t.deepEqual(fromLines(toLines(c)), c);
  t.deepEqual(fromLines('ok\tfine\n$(evil)\tx\nplain\n'), [{ value: 'ok', description: 'fine' }, { value: 'plain', description: '' }]);
});
