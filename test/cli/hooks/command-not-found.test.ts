import test from 'ava';
import { nearCommands } from '../../../cli/hooks/command-not-found.js';
import { maskUrl } from '../../../events/mask-url.js';
import { berth } from '../../support/daemon-harness.js';

const COMMANDS = [['vms'], ['containers', 'ps'], ['hosts'], ['container stop'], ['container start'], ['container rm'], ['context list', 'context ls'], ['context rm', 'context remove'], ['audit verify']];

test('nearCommands: a misspelt command, a misspelt subcommand within its topic, the start of a word', (t) => {
  t.deepEqual(nearCommands('vmz', COMMANDS), ['vms']);
  t.deepEqual(nearCommands('vsm', COMMANDS), ['vms'], 'two letters swapped are one edit');
  t.deepEqual(nearCommands('hsots', COMMANDS), ['hosts']);
  t.deepEqual(nearCommands('contaners', COMMANDS), ['containers']);
  t.deepEqual(nearCommands('container stp x', COMMANDS), ['container stop']);
  t.deepEqual(nearCommands('container stpo', COMMANDS), ['container stop']);
  t.deepEqual(nearCommands('audit verfy', COMMANDS), ['audit verify']);
  t.deepEqual(nearCommands('contaner stop', COMMANDS), ['container stop', 'containers'], 'a misspelt topic too; the nearest first');
  t.deepEqual(nearCommands('contaner stpo', COMMANDS), ['container stop', 'containers']);
  t.deepEqual(nearCommands('con', COMMANDS), ['context', 'container', 'containers']);
  t.deepEqual(nearCommands('xyzzy', COMMANDS), []);
  t.deepEqual(nearCommands(' ', COMMANDS), []);
});

test('nearCommands: at one distance a command before a topic; every word of a command may be misspelt', (t) => {
  t.deepEqual(nearCommands('vsm', COMMANDS, ['vm', 'container', 'context']), ['vms', 'vm']);
  t.deepEqual(nearCommands('contaner stop', COMMANDS, ['container']), ['container stop', 'container', 'containers']);
});

test('nearCommands: words joined with ":" as oclif allows; with nothing near the whole, what its first word starts', (t) => {
  t.deepEqual(nearCommands('container:stp', COMMANDS), ['container stop']);
  t.deepEqual(nearCommands('context:lst', COMMANDS), ['context list']);
  t.deepEqual(nearCommands('cont web', COMMANDS), ['context', 'container', 'containers']);
  t.deepEqual(nearCommands('xyzzy web', COMMANDS), []);
  t.deepEqual(nearCommands('vmz web', COMMANDS), ['vms'], 'a near first word is still near');
});

test('nearCommands: a URL or host:port is one word, never split at its ":" into words near commands', (t) => {
  const cmds = [...COMMANDS, ['top'], ['vm']];
  const topics = ['vm', 'container', 'context'];
  t.deepEqual(nearCommands('tcp://host:2375', cmds, topics), []);
  t.deepEqual(nearCommands('host:4222', cmds, topics), []);
  t.deepEqual(nearCommands('vm://x', cmds, topics), []);
  t.deepEqual(nearCommands(':', cmds, topics), []);
  t.deepEqual(nearCommands(':::', cmds, topics), []);
});

test('nearCommands: one name per command, its id unless an alias is nearer', (t) => {
  t.deepEqual(nearCommands('context lst', COMMANDS), ['context list'], 'not also its alias ls');
  t.deepEqual(nearCommands('pss', COMMANDS), ['ps']);
  t.deepEqual(nearCommands('context remov', COMMANDS), ['context remove']);
});

test('berth <unknown command> is a usage error (exit 2) naming the command near it, never a hidden one', async (t) => {
  const r = await berth(['contaners']);
  t.is(r.code, 2, r.stderr);
  t.regex(r.stderr, /command 'contaners' not found/);
  t.regex(r.stderr, /berth containers/);
  t.regex(r.stderr, /berth --help/);
  const topic = await berth(['contxt']);
  t.regex(topic.stderr, /\* berth context\n/, 'a topic is suggested too');
  const alias = await berth(['context', 'lst']);
  t.regex(alias.stderr, /\* berth context list\n/);
  t.notRegex(alias.stderr, /context ls\b/, 'one name per command, not its alias too');
  const misspeltTopic = await berth(['contaner', 'stop', 'web']);
  t.regex(misspeltTopic.stderr, /Try this:\n.*\* berth container stop\n/, 'the command first, before its topic');
  const colon = await berth(['container:stp', 'web']);
  t.is(colon.code, 2, colon.stderr);
  t.regex(colon.stderr, /Try this:\n.*\* berth container stop\n/);
  const hidden = await berth(['__compete']);
  t.is(hidden.code, 2, hidden.stderr);
  t.notRegex(hidden.stderr, /__complete/);
});

test('berth <unknown command> shows what was typed with its escapes inert and a URL\'s password masked', async (t) => {
  const r = await berth(['\u001b]0;pwned\u0007\u001b[31mfoo']);
  t.is(r.code, 2, r.stderr);
  t.false(r.stderr.includes('\u001b'), JSON.stringify(r.stderr));
  t.regex(r.stderr, /\\x1b\]0;pwned\\x07/);
  for (const args of [['amqp://user:hunter2@rabbit/'], ['--nats=nats://user:hunter2@h:4222'], ['nats://user:hunter2@h:4222', 'vms']]) {
    const u = await berth(args);
    t.is(u.code, 2, u.stderr);
    t.false(u.stderr.includes('hunter2'), u.stderr);
    t.regex(u.stderr, /:\/\/user:\*\*\*@/, u.stderr);
  }
});

test('a password after // is masked also where oclif\'s id joined a word to the URL with ":"', (t) => {
  t.is(maskUrl('x:nats://u:hunter2@h:4222'), 'x:nats://u:***@h:4222');
  t.is(maskUrl('amqp://user:pw@rabbit/'), 'amqp://user:***@rabbit/');
  t.is(maskUrl('plain words'), 'plain words');
});
