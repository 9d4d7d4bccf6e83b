import test from 'ava';
import { createLogger } from '../../daemon/log.js';

const capture = () => {
  const lines: string[] = [];
  return { lines, sink: (l: string) => { lines.push(l); } };
};

test('JSON logs are one pino object per line with the level by name, the message and the fields', (t) => {
  const c = capture();
  const log = createLogger({ json: true, sink: c.sink });
  log.info('engine resynced', { engine: 'a', changes: 3 });
  t.is(c.lines.length, 1);
  const o = JSON.parse(c.lines[0] as string) as Record<string, unknown>;
  t.is(o['level'], 'info');
  t.is(o['msg'], 'engine resynced');
  t.is(o['engine'], 'a');
  t.is(o['changes'], 3);
  t.is(o['pid'], process.pid);
  t.regex(String(o['time']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test('messages below the level are dropped; debug shows at --log-level debug', (t) => {
  const c = capture();
  const warnOnly = createLogger({ json: true, level: 'warn', sink: c.sink });
  warnOnly.info('hidden');
  warnOnly.debug('hidden too');
  warnOnly.warn('shown');
  warnOnly.error('shown too');
  t.deepEqual(c.lines.map((l) => (JSON.parse(l) as { msg: string }).msg), ['shown', 'shown too']);
  const d = capture();
  createLogger({ json: true, level: 'debug', sink: d.sink }).debug('detail');
  t.is((JSON.parse(d.lines[0] as string) as { level: string }).level, 'debug');
  const s = capture();
  createLogger({ level: 'silent', sink: s.sink }).error('nothing');
  t.deepEqual(s.lines, []);
});

test('passwords in URLs and configured secrets never reach the log, in the message or in the fields', (t) => {
  for (const json of [true, false]) {
    const c = capture();
    const log = createLogger({ json, secrets: ['t0ken-value', undefined], sink: c.sink });
    log.warn('broker amqp://berth:hunter2@rabbit:5672/ closed', { url: 'nats://alice:s3cret@h:4222', nested: { auth: 'Bearer t0ken-value' }, err: new Error('token t0ken-value refused') });
    const line = c.lines.join('');
    t.notRegex(line, /hunter2|s3cret|t0ken-value/, json ? 'json' : 'text');
    t.regex(line, /amqp:\/\/berth:\*\*\*@rabbit/);
    t.regex(line, /nats:\/\/alice:\*\*\*@h:4222/);
  }
});

test('text logs stay human: time, level, message, then the fields; control characters are shown escaped', (t) => {
  const c = capture();
  const log = createLogger({ sink: c.sink });
  log.warn('container \u001b]0;pwned\u0007 died', { code: 137 });
  t.is(c.lines.length, 1);
  t.regex(c.lines[0] as string, /^\d{4}-\d\d-\d\dT\S+Z warn {2}container \\x1b\]0;pwned\\x07 died \{"code":137\}\n$/);
});

test('JSON logs spell C1 and bidi controls as escapes, and the value parses back unchanged', (t) => {
  const c = capture();
  createLogger({ json: true, sink: c.sink }).info('name \u202eexe.png \u009b2J');
  const line = c.lines[0] as string;
  t.false(/[\u202e\u009b]/.test(line));
  t.is((JSON.parse(line) as { msg: string }).msg, 'name \u202eexe.png \u009b2J');
});

test('text logs and event lines escape tab and the Unicode line and paragraph separators as well', (t) => {
  const c = capture();
  createLogger({ sink: c.sink }).warn('vm a\u2028b\u2029c\td');
  t.regex(c.lines[0] as string, /warn {2}vm a\\u2028b\\u2029c\\x09d\n$/);
  const printed: string[] = [];
  const orig = console.log;
  console.log = (s: string) => { printed.push(s); };
  try {
    createLogger({ sink: c.sink }).event('vm line\u2028sep');
  } finally {
    console.log = orig;
  }
  t.deepEqual(printed, ['vm line\\u2028sep']);
});

test('a newline or carriage return in a name cannot forge a line of its own, in the text log or in an event line', (t) => {
  const c = capture();
  const forged = 'vm qa-nl\n2026-11-25T03:00:00.000Z warn  FORGED: daemon compromised\r\n';
  createLogger({ sink: c.sink }).warn(forged);
  t.is(c.lines.length, 1);
  t.is((c.lines[0] as string).split('\n').length, 2, 'one line, ended by its own newline');
  t.true((c.lines[0] as string).includes('vm qa-nl\\x0a2026-11-25T03:00:00.000Z warn  FORGED: daemon compromised\\x0d\\x0a'));
  const printed: string[] = [];
  const orig = console.log;
  console.log = (s: string) => { printed.push(s); };
  try {
    createLogger({ sink: c.sink }).event(forged);
  } finally {
    console.log = orig;
  }
  t.deepEqual(printed.map((p) => p.includes('\n') || p.includes('\r')), [false]);
});

test('an event line given as a function is made only when it is printed: never with quiet, escaped like any other', (t) => {
  const c = capture();
  const printed: string[] = [];
  const orig = console.log;
  console.log = (s: string) => { printed.push(s); };
  let made = 0;
  const line = (): string => { made += 1; return 'vm a\u2028b'; };
  try {
    createLogger({ sink: c.sink, quiet: true }).event(line);
    t.is(made, 0);
    createLogger({ sink: c.sink }).event(line);
  } finally {
    console.log = orig;
  }
  t.is(made, 1);
  t.deepEqual(printed, ['vm a\\u2028b']);
});
