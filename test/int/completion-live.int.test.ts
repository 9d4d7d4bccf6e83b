import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { berth, dropPrefix, NATS_URL, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';

test.serial('berth __complete reads live ids from NATS and caches them; list and get reads refresh the cache the shell scripts read', async (t) => {
  t.timeout(300_000);
  const prefix = uniquePrefix();
  const dir = mkdtempSync(join(tmpdir(), 'berth-compl-live-'));
  const env = { BERTH_CONFIG_DIR: join(dir, 'config'), BERTH_CACHE_DIR: join(dir, 'cache') };
  let d: DaemonProc | undefined;
  t.teardown(async () => { await d?.stop(); await dropPrefix(prefix); });
  d = await startDaemon(prefix);
  const conn = ['--prefix', prefix, '--nats', NATS_URL];
  const hosts = JSON.parse((await berth(['hosts', '--json', ...conn], env)).stdout) as { id: string }[];
  t.true(hosts.length > 0, 'the daemon follows this machine\'s engine');
  const cacheRoot = join(dir, 'cache', 'completions');
  const keys = readdirSync(cacheRoot);
  t.is(keys.length, 1, 'one connection, one cache folder');
  t.false(keys.includes('default'), 'a command that named its NATS and prefix does not fill the default cache');
  const hostFile = join(cacheRoot, keys[0] as string, 'host');
  t.deepEqual(readFileSync(hostFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t')[0]).sort(), hosts.map((h) => h.id).filter((id) => /^[^\s'"`$\\;&|<>(){}[\]*?!#~^]+$/.test(id)).sort());

  rmSync(hostFile);
  t.is((await berth(['get', 'host', (hosts[0] as { id: string }).id, ...conn], env)).code, 0);
  t.true(existsSync(hostFile), 'berth get refreshed it');

  const live = await berth(['__complete', 'container', ...conn], env);
  t.is(live.code, 0);
  const ps = JSON.parse((await berth(['ps', '--json', ...conn], env)).stdout) as { name: string }[];
  const offered = live.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
  for (const c of ps.filter((x) => /^[\w.-]+$/.test(x.name))) t.true(offered.includes(c.name), c.name);
  t.true(existsSync(join(cacheRoot, keys[0] as string, 'container')));

  const other = uniquePrefix();
  const empty = await berth(['__complete', 'container', '--prefix', other, '--nats', NATS_URL], env);
  t.is(empty.code, 0, 'a prefix with no model completes nothing, silently');
  t.is(empty.stdout, '');
  t.is(empty.stderr, '');
});
