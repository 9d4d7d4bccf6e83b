import test from 'ava';
import { resolveRef, sinceText } from '../../../cli/commands/history.js';
import type { ModelClient } from '../../../daemon/query/client.js';
import type { BerthError } from '../../../events/errors.js';
import { ambiguousRef, namesLike } from '../../../cli/lists/refs.js';
import { berth } from '../../support/daemon-harness.js';

// No NATS is needed: an empty reference is refused before berth connects (a prefix with no model would be exit 4).
for (const args of [['trace', 'vm', ''], ['get', 'container', ' '], ['trace', 'container', '']]) {
  test(`berth ${args.map((a) => JSON.stringify(a)).join(' ')} is a usage error (exit 2), not a match of the entities with no name`, async (t) => {
    const r = await berth([...args, '--prefix', 'no-such-prefix-here']);
    t.is(r.code, 2, r.stderr);
    t.regex(r.stderr, /names nothing/);
    t.notRegex(r.stderr, /matches \d/);
  });
}

test('history refuses an empty reference before it reads anything', async (t) => {
  const untouched = new Proxy({}, { get: () => { throw new Error('the client was used'); } }) as ModelClient;
  const e = await t.throwsAsync(resolveRef(untouched, 'vm', ''));
  t.is((e as BerthError).code, 'E_USAGE');
});

test('oclif\'s own usage errors quote what was typed with its escapes made inert (a bad -o value, an unknown flag)', async (t) => {
  for (const args of [['ps', '-o', '\u001b[2Jx'], ['vms', '--nosuch\u001b]0;pwned\u0007']]) {
    const r = await berth([...args, '--prefix', 'no-such-prefix-here']);
    t.is(r.code, 2, r.stderr);
    t.false(r.stderr.includes('\u001b'), JSON.stringify(r.stderr));
    t.regex(r.stderr, /\\x1b/);
  }
});

test('oclif\'s own dimmed words in a usage error are not shown as escape text on a colour terminal', async (t) => {
  const r = await berth(['events', '--id', 'abc', '--prefix', 'no-such-prefix-here'], { FORCE_COLOR: '1' });
  t.is(r.code, 2, r.stderr);
  t.regex(r.stderr, /must be provided when using --id: --kind/);
  t.false(r.stderr.includes('\\x1b'), JSON.stringify(r.stderr));
});

test('an ambiguous reference lists five candidates with name, host and last event, then how many more', (t) => {
  const found = Array.from({ length: 7 }, (_, i) => ({ id: `${i}`.repeat(64), name: i === 0 ? null : 'web', host: i % 2 === 0 ? `h${i}` : null, ...(i === 1 ? { lastAt: '2026-11-25T01:02:03Z' } : {}) }));
  const e = ambiguousRef('container', 'web', found, 'Give more of the id.');
  t.is(e.code, 'E_USAGE');
  t.is(e.message, "'web' matches 7 containers: 000000000000 (no name, on h0); 111111111111 (web, last event 2026-11-25T01:02:03Z); 222222222222 (web, on h2); 333333333333 (web); 444444444444 (web, on h4); and 2 more.");
  // A host's id is its name: whole, or two would read the same.
  const hosts = ambiguousRef('host', 'compute', [{ id: 'compute-node-1' }, { id: 'compute-node-2' }, { id: 'f2fff0de-285c-4c60-b760-66313397a060' }], 'Give more of the id.');
  t.is(hosts.message, "'compute' matches 3 hosts: compute-node-1 (no name); compute-node-2 (no name); f2fff0de-285 (no name).");
});

test('names like a reference that named nothing: those starting with it first, else those holding it, three and a count', (t) => {
  const names = ['dev-worker-1', 'dev-worker-2', 'dev-worker-3', 'dev-worker-4', 'api-dev', 'db'];
  t.is(namesLike('dev-worker', names), " 4 names start with 'dev-worker': 'dev-worker-1', 'dev-worker-2', 'dev-worker-3' and 1 more; a name is given whole.");
  t.is(namesLike('API', names), " One name starts with 'API': 'api-dev'; a name is given whole.");
  t.is(namesLike('-dev', names), " One name holds '-dev': 'api-dev'; a name is given whole.");
  t.is(namesLike('zzz', names), '');
  t.is(namesLike('DB', names), " Names are matched as written: 'db' differs only in letter case.");
  t.is(namesLike('w', ['w-10', 'w-2', 'w-1']), " 3 names start with 'w': 'w-1', 'w-2', 'w-10'; a name is given whole.", 'in the order people read them');
  t.is(namesLike(' ', names), '');
});

test('history\'s +Δ is signed: an event dated before the line above it shows how much before', (t) => {
  t.is(sinceText(34), '+34ms');
  t.is(sinceText(0), '+0ms');
  t.is(sinceText(-218), '-218ms');
});
