import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { berth, docker, dropPrefix, eventually, NATS_URL, removeTestContainers, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { tempDir } from '../support/temp-dir.js';

test.serial('berth __complete reads live ids from NATS and caches them; list and get reads refresh the cache the shell scripts read', async (t) => {
  t.timeout(300_000);
  const prefix = uniquePrefix();
  const dir = tempDir(t, 'berth-compl-live');
  const env = { BERTH_CONFIG_DIR: join(dir, 'config'), BERTH_CACHE_DIR: join(dir, 'cache') };
  let d: DaemonProc | undefined;
  t.teardown(async () => { await d?.stop(); await removeTestContainers(`berth-test=${prefix}`); await dropPrefix(prefix); });
  // A container of this test's own, so that there is one to complete whatever else the engine runs.
  await docker('run', '-d', '--label', `berth-test=${prefix}`, '--name', `${prefix}-box`, 'berth-mini:latest', 'sleep', '600');
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

  // Other integration files create and remove containers on this engine meanwhile: what must be
  // offered is every container berth ps lists both just before and just after the completion.
  const psNames = async (): Promise<string[]> => (JSON.parse((await berth(['ps', '--json', ...conn], env)).stdout) as { name: string }[]).map((c) => c.name);
  const before = await eventually('this test\'s container in berth ps', async () => {
    const names = await psNames();
    return names.includes(`${prefix}-box`) ? names : undefined;
  });
  const live = await berth(['__complete', 'container', ...conn], env);
  t.is(live.code, 0);
  const after = new Set(await psNames());
  const offered = live.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
  const steady = before.filter((n) => after.has(n) && /^[\w.-]+$/.test(n));
  t.true(steady.includes(`${prefix}-box`), 'this test\'s container is among them');
  for (const n of steady) t.true(offered.includes(n), n);
  t.true(existsSync(join(cacheRoot, keys[0] as string, 'container')));

  const other = uniquePrefix();
  const empty = await berth(['__complete', 'container', '--prefix', other, '--nats', NATS_URL], env);
  t.is(empty.code, 0, 'a prefix with no model completes nothing, silently');
  t.is(empty.stdout, '');
  t.is(empty.stderr, '');
});
