import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { decodeOslo } from '../../../events/translate/oslo-envelope.js';
import { translateOpenStack } from '../../../events/translate/openstack/index.js';
import { isSecretKey, redact, redactParsed, redactString, redactText, TOO_DEEP } from '../../../events/translate/redact.js';
import { corpusEntry, corpusFilesUnder, OBSERVED_AT, readCorpus, secretValues } from '../../support/openstack-corpus.js';

const HOSTILE = join(import.meta.dirname, '..', '..', 'fixtures', 'hostile');

const TOKEN = 'gAAAAABlive-keystone-token-0123456789';

/** The shape a Zed cloud really sends (issue 4): the caller's token deep inside a scheduler payload. */
const zedSchedulerMessage = {
  message_id: 'z1', publisher_id: 'scheduler.ctl-1', event_type: 'scheduler.select_destinations.start', priority: 'INFO',
  timestamp: '2026-11-23 10:00:00.000001', _context_auth_token: TOKEN,
  payload: { request_spec: { instance_properties: { pci_requests: { _context: { auth_token: TOKEN, user_id: 'u' }, requests: [] } } } },
};
const zedErrorMessage = {
  message_id: 'z2', publisher_id: 'compute.ctl-1', event_type: 'terminate_instance', priority: 'ERROR', timestamp: '2026-11-23 10:00:01',
  payload: { exception: `Unauthorized: X-Auth-Token: ${TOKEN}`, args: { instance: { 'nova_object.data': { _context: { auth_token: TOKEN } } } } },
};

test('credential-like keys are recognised at any spelling', (t) => {
  for (const k of ['auth_token', '_context_auth_token', 'password', 'admin_password', 'adminPass', 'secret', 'client_secret', 'token', 'X-Auth-Token', 'auth_token_info', 'db_password'])
    t.true(isSecretKey(k), k);
  for (const k of ['token_type', 'user_id', 'passphrase_hint', 'key_name', 'request_id', 'project_id']) t.false(isSecretKey(k), k);
});

test('redact replaces every nested token value and keeps the shape', (t) => {
  const r = redact(zedSchedulerMessage);
  t.is(r.payload.request_spec.instance_properties.pci_requests._context.auth_token, '***');
  t.is(r._context_auth_token, '***');
  t.is(r.payload.request_spec.instance_properties.pci_requests._context.user_id, 'u');
  t.is(zedSchedulerMessage._context_auth_token, TOKEN, 'the input is not mutated');
  t.false(JSON.stringify(r).includes(TOKEN));
});

test('redactText scrubs a 2.0 envelope, its inner message, and free text', (t) => {
  const body = JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': JSON.stringify(zedErrorMessage) });
  const out = redactText(body);
  t.false(out.includes(TOKEN));
  t.true(decodeOslo(out).ok, 'still a valid body');
  t.false(redactText(`{"auth_token": "${TOKEN}", broken`).includes(TOKEN));
  t.false(redactText(`password=${TOKEN} and X-Auth-Token: ${TOKEN}`).includes(TOKEN));
});

test('no token from the Zed-shaped messages reaches a translated event', (t) => {
  for (const m of [zedSchedulerMessage, zedErrorMessage]) {
    const d = decodeOslo(JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': JSON.stringify(m) }));
    if (!d.ok) return t.fail(d.reason);
    const events = translateOpenStack(d.message, OBSERVED_AT);
    t.true(events.length >= 1);
    t.false(JSON.stringify(events).includes(TOKEN), m.event_type);
  }
});

test('real captures with _context_auth_token keep no token value', (t) => {
  const files = ['nova/legacy/ceilometer-test_instance/INSTANCE_CREATE_END.json', 'nova/legacy/designate/compute.instance.create.end.json', 'neutron/ceilometer-test_notifications/NOTIFICATION_HEALTH_MONITORS_CREATE.json'];
  for (const f of files) {
    const body = readCorpus(f);
    const tokens = secretValues(body);
    t.true(tokens.length > 0, `${f} holds a token`);
    const out = redactText(body);
    for (const tok of tokens) t.false(out.includes(tok), f);
    const d = decodeOslo(body);
    if (!d.ok) return t.fail(d.reason);
    const js = JSON.stringify(translateOpenStack(d.message, OBSERVED_AT));
    for (const tok of tokens) t.false(js.includes(tok), f);
  }
});

test('a token nested deeper than 64 levels is left out with the subtree, and a 100,000-level body redacts without overflowing the stack', (t) => {
  let deep: unknown = { auth_token: TOKEN };
  for (let i = 0; i < 70; i++) deep = { next: deep };
  t.false(JSON.stringify(redact({ payload: deep })).includes(TOKEN));
  t.true(JSON.stringify(redact({ payload: deep })).includes(TOO_DEEP));
  const body = JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': JSON.stringify({ ...zedSchedulerMessage, payload: { deep: 'DEEP' } }).replace('"DEEP"', '['.repeat(100_000) + ']'.repeat(100_000)) });
  const text = redactText(body);
  t.false(text.includes(TOKEN));
  t.true(text.includes(TOO_DEEP));
  const d = decodeOslo(body);
  if (!d.ok) return t.fail(d.reason);
  const events = translateOpenStack(d.message, OBSERVED_AT);
  t.true(events.length > 0);
  t.notThrows(() => JSON.stringify(events));
});

test('a long run of word characters (a 5 MB value) is scanned for credentials in linear time', (t) => {
  const value = 'x'.repeat(5_000_000);
  t.is(redactString(value), value);
  t.is(redactString(`${value} password=hunter2 ${value}`), `${value} password=*** ${value}`);
  t.false(redactText(JSON.stringify({ pad: value, auth_token: 'gAAAA-tok' })).includes('gAAAA-tok'));
});

test('redact copies only what it changes: a payload with no credential comes back as it is, one with a credential is copied along the path and the input stays', (t) => {
  const clean = { a: { b: [1, 'two', { c: null }] }, d: 'x' };
  t.is(redact(clean), clean);
  const mixed = { keep: { deep: { n: 1 } }, list: [{ ok: 1 }, { password: 'hunter2' }], ctx: { auth_token: TOKEN } };
  const r = redact(mixed);
  t.not(r, mixed);
  t.is(r.keep, mixed.keep, 'an untouched branch is shared');
  t.is(r.list[0], mixed.list[0]);
  t.deepEqual(r.list[1], { password: '***' });
  t.is(r.ctx.auth_token, '***');
  t.is(mixed.list[1]?.password, 'hunter2', 'the input is not mutated');
  t.is(mixed.ctx.auth_token, TOKEN);
  t.deepEqual(Object.keys(r), ['keep', 'list', 'ctx'], 'keys keep their order');
});

test('a credential key that JSON spells with \\u escapes, or repeats, is still redacted', (t) => {
  t.false(redactText('{"\\u0070assword": "hunter2", "user": "u"}').includes('hunter2'));
  t.false(redactText('{"oslo.version": "2.0", "oslo.message": "{\\"auth_\\\\u0074oken\\": \\"hunter2\\"}"}').includes('hunter2'));
  t.false(redactText('{"password": "hunter2", "password": null}').includes('hunter2'));
});

test('a body that names no credential is kept exactly as it came; a __proto__ key stays an own key', (t) => {
  const body = '{"oslo.version": "2.0", "oslo.message": "{\\"message_id\\": \\"m\\", \\"payload\\": {\\"state\\": \\"active\\"}}"}';
  t.is(redactText(body), body);
  const r = redact(JSON.parse('{"__proto__": {"password": "hunter2"}, "x": 1}') as Record<string, unknown>);
  t.true(Object.hasOwn(r, '__proto__'));
  t.false(JSON.stringify(r).includes('hunter2'));
  t.is(Object.getPrototypeOf(r), Object.prototype);
});

test('redacting a decoded body from its parsed objects gives what redactText gives, for every corpus and hostile body, and leaves the objects as they were', (t) => {
  const bodies = ['nova', 'neutron', 'heat', 'magnum', 'oslo'].flatMap((dir) => corpusFilesUnder(dir).flatMap((rel) => {
    const e = corpusEntry(rel);
    return e.kind === 'bodies' ? e.bodies : [];
  }));
  const hostile = readdirSync(HOSTILE).filter((f) => f.startsWith('amqp-') && !f.includes('.gen.')).map((f) => readFileSync(join(HOSTILE, f), 'utf8'));
  // A 2.0 envelope whose inner message is itself an envelope (its `oslo.message` a string): left to redactText.
  const nested = JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': JSON.stringify({ ...zedSchedulerMessage, 'oslo.message': JSON.stringify({ password: 'hunter2' }) }) });
  let withSecret = 0;
  let checked = 0;
  for (const body of [...bodies, ...hostile, nested, JSON.stringify(zedSchedulerMessage), JSON.stringify(zedErrorMessage)]) {
    const d = decodeOslo(body);
    if (!d.ok) continue;
    const parsed = d.message.parsed;
    if (parsed === undefined) return t.fail('decodeOslo keeps the parsed body');
    const before = JSON.stringify(parsed);
    const raw = redactParsed(body, parsed.outer, parsed.inner);
    if (raw !== redactText(body)) t.fail(`differs from redactText: ${body.slice(0, 200)}`);
    if (JSON.stringify(parsed) !== before) t.fail(`changed the parsed body: ${body.slice(0, 200)}`);
    if (raw !== body) withSecret += 1;
    checked += 1;
  }
  t.true(checked > 500 && withSecret > 50, `${checked} bodies, ${withSecret} with something redacted`);
  t.false(redactParsed(nested, (decodeOslo(nested) as { ok: true; message: { parsed: { outer: Record<string, unknown> } } }).message.parsed.outer).includes('hunter2'));
});

test('more credential shapes: api/access/secret keys, pwd, passphrase, authorization, URL passwords, Bearer and Basic credentials, PEM private keys', (t) => {
  for (const k of ['api_key', 'apiKey', 'access_key', 'secret_key', 'pwd', 'db_pwd', 'passphrase', 'authorization', 'Authorization']) t.true(isSecretKey(k), k);
  for (const k of ['passphrase_hint', 'key_name', 'access_ip_v4', 'public_key', 'ssh_key_name']) t.false(isSecretKey(k), k);
  const body = JSON.stringify({
    api_key: 'KEY-1', secret_key: 'SEC-2', pwd: 'PW-3', passphrase: 'PW-4', authorization: 'Bearer TOK-5',
    connection: 'mysql+pymysql://nova:PW-6@db/nova', transport_url: 'rabbit://openstack:PW-7@rmq:5672/',
    ssh_key: '-----BEGIN RSA PRIVATE KEY-----\nMIIEpKEY8\n-----END RSA PRIVATE KEY-----',
    fault: { message: 'MessagingTimeout on rabbit://openstack:PW-9@rmq.internal:5672/ ; Authorization: Basic dXNlcjpQVy0xMA== ; then Bearer TOK-11-abcdef' },
  });
  const out = redactText(body);
  for (const s of ['KEY-1', 'SEC-2', 'PW-3', 'PW-4', 'TOK-5', 'PW-6', 'PW-7', 'MIIEpKEY8', 'PW-9', 'dXNlcjpQVy0xMA==', 'TOK-11']) t.false(out.includes(s), s);
  const back = JSON.parse(out) as Record<string, string> & { fault: { message: string } };
  t.is(back['connection'], 'mysql+pymysql://nova:***@db/nova', 'the user and the host stay');
  t.is(back.fault.message, 'MessagingTimeout on rabbit://openstack:***@rmq.internal:5672/ ; Authorization: Basic *** ; then Bearer ***');
  // What is no credential stays as it was.
  for (const s of ['see https://docs.openstack.org/nova/latest/ for a basic setup', 'Bearer tokens are', 'http://host:8774/v2.1', '{"passwordCredentials": {"username": "admin"}}']) t.is(redactString(s), s);
});

test('a 2.0 envelope cut short, or the head of a body too large to parse, keeps no credential of its escaped inner message', (t) => {
  const inner = JSON.stringify({ event_type: 'compute.instance.create.end', payload: { admin_password: 'PW-trunc-40', auth_token: 'TOK-trunc-41', nested: JSON.stringify({ password: 'PW-deep-42' }) } });
  const body = JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': inner });
  for (const cut of [body.slice(0, -30), body.slice(0, body.indexOf('PW-trunc-40') + 5), body.slice(0, body.indexOf('PW-deep-42') + 4)]) {
    const out = redactText(cut);
    for (const s of ['PW-trunc-40', 'TOK-trunc-41', 'PW-deep-42', 'PW-t', 'PW-d']) t.false(out.includes(s), `${s} in ${out}`);
  }
  t.regex(redactText(body.slice(0, -30)), /\\"admin_password\\":\\"\*\*\*\\"/, 'the shape is kept');
});

test('the new patterns stay linear on long hostile runs (each would take minutes if not: ava times the test out)', (t) => {
  const n = 2_000_000;
  for (const s of [`rabbit://${':'.repeat(n)}`, `://u:${'p'.repeat(n)}`, `Bearer ${'a'.repeat(n)}`, `Authorization: Basic ${'a'.repeat(n)}`, `\\"password\\":\\"${'x'.repeat(n)}`, `-----BEGIN PRIVATE KEY-----${'A'.repeat(n)}`, '\\"'.repeat(n) + 'password',
    // A run of backslashes before a quote and a keyword: tried at every backslash, it was quadratic (200,000: 54 s).
    `${'\\'.repeat(n)}"token`, `password=${'\\a'.repeat(n / 2)}`, `rabbit://u:p@${'h,u:p@'.repeat(n / 8)}x`]) {
    t.is(typeof redactString(s), 'string');
    t.is(typeof redactText(s), 'string');
  }
});

test('what the review of the new patterns found: more keys in text and escaped JSON, PEM alone, every host of a URL; values with brackets or before an escaped quote; no false URL password', (t) => {
  const text = redactString('{"private_key":"PK1","db_pass":"P2","adminPass":"P3","credentials":"C4"}');
  for (const s of ['PK1', 'P2', 'P3', 'C4']) t.false(text.includes(s), s);
  const escaped = redactText('{"oslo.version": "2.0", "oslo.message": "{\\"adminPass\\":\\"AP5\\",\\"private_key\\":\\"PK6\\",\\"credential\\":\\"C7\\"');
  for (const s of ['AP5', 'PK6', 'C7']) t.false(escaped.includes(s), `${s}: ${escaped}`);
  t.is(redactText('-----BEGIN RSA PRIVATE KEY-----\nMIIabc\n-----END RSA PRIVATE KEY-----'), '***');
  t.is(redactString('transport_url = rabbit://u:pw1@h1,u:pw2@h2,u3:pw3@h3/'), 'transport_url = rabbit://u:***@h1,u:***@h2,u3:***@h3/');
  t.is(redactString('password=Xy7[k9]Qz'), 'password=***');
  t.is(redactString('{"cmd":"x --password=abc\\" y"}'), '{"cmd":"x --password=***\\" y"}', 'the escaped quote stays: still JSON');
  t.notThrows(() => JSON.parse(redactString('{"cmd":"x --password=abc\\" y"}')));
  for (const s of ['https://api.example.com:443?email=user@example.com', 'bypass=1 compass=north passthrough=yes']) t.is(redactString(s), s);
});
