import test from 'ava';
import { activeBindings, bindingFor, DEFAULT_KEYMAP, hintsFor, validKey } from '../../views/keymap.js';
import { rebind } from '../../views/keymap-config.js';
import { COMMAND_HELP, keyHelp, keyHelpLines } from '../../views/keymap-help.js';
import { consoleTables } from '../../cli/console/tables.js';

test('no key means two things in one scope, and every key name is valid', (t) => {
  const seen = new Set<string>();
  for (const b of DEFAULT_KEYMAP) {
    for (const k of b.keys) {
      t.true(validKey(k), `${b.action}: '${k}'`);
      t.false(seen.has(`${b.scope} ${k}`), `${b.scope} ${k} is bound twice`);
      seen.add(`${b.scope} ${k}`);
    }
  }
});

test('a key finds its binding in its scope only', (t) => {
  t.is(bindingFor(DEFAULT_KEYMAP, 'list', 'j')?.action, 'down');
  t.is(bindingFor(DEFAULT_KEYMAP, 'prompt', 'j'), undefined, 'in a prompt j is text');
  t.is(bindingFor(DEFAULT_KEYMAP, 'confirm', 'y')?.action, 'confirm');
  t.is(bindingFor(DEFAULT_KEYMAP, 'list', 'y'), undefined, 'y confirms nothing outside a confirmation');
});

test('dangerous bindings are the actions; read-only drops them from input, hints and help', (t) => {
  t.deepEqual([...new Set(DEFAULT_KEYMAP.filter((b) => b.dangerous).map((b) => b.action))].sort(), ['restart', 'start', 'stop']);
  const ro = activeBindings(DEFAULT_KEYMAP, true);
  t.is(bindingFor(ro, 'list', 's'), undefined);
  t.false(hintsFor(ro, 'list').some(([, l]) => l === 'stop'));
  t.true(hintsFor(DEFAULT_KEYMAP, 'list').some(([k, l]) => k === 's' && l === 'stop'));
  t.false(keyHelpLines(DEFAULT_KEYMAP, true).join('\n').includes('asks first'));
});

test('rebinding by action changes it in every scope; scope.action in one', (t) => {
  const all = rebind(DEFAULT_KEYMAP, { down: ['n', 'down'] });
  t.deepEqual(all.errors, []);
  t.is(bindingFor(all.keymap, 'list', 'n')?.action, 'down');
  t.is(bindingFor(all.keymap, 'detail', 'n')?.action, 'down');
  t.is(bindingFor(all.keymap, 'list', 'j'), undefined);
  const one = rebind(DEFAULT_KEYMAP, { 'detail.down': 'n' });
  t.is(bindingFor(one.keymap, 'detail', 'n')?.action, 'down');
  t.is(bindingFor(one.keymap, 'list', 'j')?.action, 'down');
});

test('bad rebindings are all reported by name, and none is applied', (t) => {
  const r = rebind(DEFAULT_KEYMAP, { nuke: 'x', down: 'ctrl+1', stop: 'j', help: 42 });
  t.is(r.keymap, DEFAULT_KEYMAP);
  t.true(r.errors.some((e) => /keys\.nuke: there is no such action\. Actions: .*stop/.test(e)));
  t.true(r.errors.some((e) => /keys\.down: 'ctrl\+1' is not a key name/.test(e)));
  t.true(r.errors.some((e) => /keys\.help must be a key name or a list of key names/.test(e)));
  t.true(r.errors.some((e) => /Key 'j' is bound to both '(down|stop)' and '(stop|down)' in the list scope/.test(e)));
  t.deepEqual(rebind(DEFAULT_KEYMAP, ['x']).errors, ['keys must be an object of action: key(s).']);
});

test('the help lists every scope with its keys, in table order', (t) => {
  const sections = keyHelp(DEFAULT_KEYMAP, false);
  t.deepEqual(sections.map((s) => s.title.split(' ')[0]), ['Lists', 'Detail', 'This', 'Prompts', 'Time', 'Confirmation']);
  t.deepEqual(sections[0]?.rows[0], ['enter', 'detail']);
  const text = keyHelpLines(DEFAULT_KEYMAP, false).join('\n');
  t.regex(text, /^ {2}j \/ down\s+down$/m);
  t.regex(text, /^Commands$/m);
});

test('the help\'s :<view> line names every view the console has', (t) => {
  const line = COMMAND_HELP.find(([k]) => k === ':<view>')?.[1] ?? '';
  for (const table of consoleTables()) t.regex(line, new RegExp(`\\b${table.id}\\b`), `${table.id} missing from "${line}"`);
});
