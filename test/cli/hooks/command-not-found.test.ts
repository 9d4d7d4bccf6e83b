import test from 'ava';
import { nearCommands } from '../../../cli/hooks/command-not-found.js';
import { berth } from '../../support/daemon-harness.js';

const IDS = ['vms', 'ps', 'containers', 'hosts', 'container:stop', 'container:start', 'container:rm', 'context:ls', 'context:rm', 'audit:verify', 'autocomplete', 'help'];

test('nearCommands: a misspelt command, a misspelt subcommand within its topic, the start of a word', (t) => {
  t.deepEqual(nearCommands('vmz', IDS), ['vms']);
  t.deepEqual(nearCommands('contaners', IDS), ['containers']);
  t.deepEqual(nearCommands('container stp x', IDS), ['container stop']);
  t.deepEqual(nearCommands('audit verfy', IDS), ['audit verify']);
  t.deepEqual(nearCommands('con', IDS), ['context', 'container', 'containers']);
  t.deepEqual(nearCommands('xyzzy', IDS), []);
  t.deepEqual(nearCommands('auto', IDS), [], 'autocomplete and help are not suggested for a typo');
  t.deepEqual(nearCommands(' ', IDS), []);
});

test('berth <unknown command> is a usage error (exit 2) naming the command near it', async (t) => {
  const r = await berth(['contaners']);
  t.is(r.code, 2, r.stderr);
  t.regex(r.stderr, /command 'contaners' not found/);
  t.regex(r.stderr, /berth containers/);
  t.regex(r.stderr, /berth --help/);
});

test('berth <unknown command> shows what was typed with its escapes inert and a URL\'s password masked', async (t) => {
  const r = await berth(['\u001b]0;pwned\u0007\u001b[31mfoo']);
  t.is(r.code, 2, r.stderr);
  t.false(r.stderr.includes('\u001b'), JSON.stringify(r.stderr));
  t.regex(r.stderr, /\\x1b\]0;pwned\\x07/);
  const u = await berth(['amqp://user:hunter2@rabbit/']);
  t.is(u.code, 2, u.stderr);
  t.false(u.stderr.includes('hunter2'), u.stderr);
  t.regex(u.stderr, /amqp:\/\/user:\*\*\*@rabbit\//);
});
