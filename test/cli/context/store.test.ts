import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { ConfigError } from '../../../events/errors.js';
import { openContexts, readContexts } from '../../../cli/context/store.js';
import { cacheDir, configDir, contextsFile } from '../../../cli/context/paths.js';
import { tempDir } from '../../support/temp-dir.js';

const envIn = (t: ExecutionContext): NodeJS.ProcessEnv => ({ BERTH_CONFIG_DIR: join(tempDir(t, 'berth-ctx'), 'cfg') });

test('the config folder is BERTH_CONFIG_DIR, else XDG_CONFIG_HOME/berth, else ~/.config/berth; the cache folder likewise', (t) => {
  t.is(configDir({ BERTH_CONFIG_DIR: '/a', XDG_CONFIG_HOME: '/b' }), '/a');
  t.is(configDir({ XDG_CONFIG_HOME: '/b' }), '/b/berth');
  t.regex(configDir({}), /\/\.config\/berth$/);
  t.is(contextsFile({ BERTH_CONFIG_DIR: '/a' }), '/a/contexts.json');
  t.is(cacheDir({ BERTH_CACHE_DIR: '/c', XDG_CACHE_HOME: '/d' }), '/c');
  t.is(cacheDir({ XDG_CACHE_HOME: '/d' }), '/d/berth');
  t.regex(cacheDir({}), /\/\.cache\/berth$/);
  // Empty is unset (XDG Base Directory spec; the shell scripts and bin/run.js read them so too).
  t.is(cacheDir({ BERTH_CACHE_DIR: '', XDG_CACHE_HOME: '/d' }), '/d/berth');
  t.regex(cacheDir({ BERTH_CACHE_DIR: '', XDG_CACHE_HOME: '' }), /^\/.*\/\.cache\/berth$/);
  t.is(configDir({ BERTH_CONFIG_DIR: '', XDG_CONFIG_HOME: '/b' }), '/b/berth');
  t.regex(configDir({ BERTH_CONFIG_DIR: '', XDG_CONFIG_HOME: '' }), /^\/.*\/\.config\/berth$/);
});

test('a missing contexts file means no contexts', async (t) => {
  t.deepEqual(await readContexts(envIn(t)), { version: 1, current: null, contexts: {} });
});

test('contexts are written through lowdb to a file only its owner can read, in a folder only its owner can enter', async (t) => {
  const env = envIn(t);
  const db = await openContexts(env);
  await db.update((d) => {
    d.contexts['prod'] = { nats: ['nats://h:4222'], user: 'u', password: 'stored-on-purpose' };
    d.current = 'prod';
  });
  const path = contextsFile(env);
  t.is(statSync(path).mode & 0o777, 0o600);
  t.is(statSync(configDir(env)).mode & 0o777, 0o700);
  t.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { version: 1, current: 'prod', contexts: { prod: { nats: ['nats://h:4222'], user: 'u', password: 'stored-on-purpose' } } });
  t.deepEqual((await readContexts(env)).contexts['prod']?.user, 'u');
});

test('a contexts file that is not JSON, or holds the wrong shapes, is a configuration error naming the file and the key', async (t) => {
  const env = envIn(t);
  mkdirSync(configDir(env), { recursive: true });
  writeFileSync(contextsFile(env), '{ "version": 1, ');
  const e1 = await t.throwsAsync(readContexts(env), { instanceOf: ConfigError });
  t.regex(e1.message, /contexts\.json' is not valid JSON/);
  writeFileSync(contextsFile(env), JSON.stringify({ version: 1, current: null, contexts: { prod: { nats: 'nats://h' } } }));
  const e2 = await t.throwsAsync(readContexts(env), { instanceOf: ConfigError });
  t.regex(e2.message, /is invalid: contexts\.prod\.nats must be a list of strings\./);
  writeFileSync(contextsFile(env), JSON.stringify({ version: 1, current: null, contexts: { prod: { pasword: 'typo' } } }));
  const e3 = await t.throwsAsync(readContexts(env), { instanceOf: ConfigError });
  t.regex(e3.message, /contexts\.prod\.pasword is not a context setting/);
  writeFileSync(contextsFile(env), JSON.stringify({ version: 2, current: null, contexts: {} }));
  await t.throwsAsync(readContexts(env), { instanceOf: ConfigError, message: /version must be 1, not 2/ });
});

test('a current context that no longer exists reads as no current context', async (t) => {
  const env = envIn(t);
  mkdirSync(configDir(env), { recursive: true });
  writeFileSync(contextsFile(env), JSON.stringify({ version: 1, current: 'gone', contexts: { a: {} } }));
  t.is((await readContexts(env)).current, null);
});
