// The fast read commands' V8 code cache (bin/run.js loadFast): made after a command that
// succeeded, used by the next start (not made again: V8 accepted it), made again when damaged or
// when others may write it, never made by a command that failed, and never a reason to fail.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { berth, dropPrefix, NATS_URL, ROOT, startDaemon, uniquePrefix } from '../support/daemon-harness.js';

const build = readFileSync(join(ROOT, 'dist', 'cli', 'fast.cjs.sha256'), 'utf8').trim().slice(0, 16);

test.serial('a fast command keeps a code cache the next start uses, and makes it again when it is damaged, writable by others or of another build', async (t) => {
  const prefix = uniquePrefix();
  const cache = mkdtempSync(join(tmpdir(), 'berth-code-'));
  t.teardown(async () => { rmSync(cache, { recursive: true, force: true }); await dropPrefix(prefix); });
  const env = { BERTH_CACHE_DIR: cache };
  const d = await startDaemon(prefix);
  await d.stop();
  const hosts = (): Promise<{ stdout: string; stderr: string; code: number }> => berth(['hosts', '-o', 'json', '--prefix', prefix, '--nats', NATS_URL], env);

  const failed = await berth(['hosts', '-o', 'json', '--nats', 'nats://127.0.0.1:1'], env);
  t.is(failed.code, 3);
  t.throws(() => readdirSync(join(cache, 'code')), { code: 'ENOENT' }, 'a command that failed leaves no cache');

  const stale = join(cache, 'code', `hosts-0000000000000000-${process.version}-${process.arch}.v8`);
  const first = await hosts();
  t.is(first.code, 0, first.stderr);
  const file = join(cache, 'code', `hosts-${build}-${process.version}-${process.arch}.v8`);
  const made = statSync(file);
  t.is(made.mode & 0o777, 0o600);
  t.is(statSync(join(cache, 'code')).mode & 0o777, 0o700);
  t.true(made.size > 100_000, `the cache holds the functions the command ran (${made.size} bytes)`);

  const second = await hosts();
  t.is(second.code, 0);
  t.is(second.stdout, first.stdout);
  const kept = statSync(file);
  t.deepEqual([kept.ino, kept.mtimeMs], [made.ino, made.mtimeMs], 'V8 accepted the cache: it was not made again');

  // Damaged in the middle: V8's checksum refuses it; the command runs all the same and makes a new one.
  const bytes = readFileSync(file);
  const mid = bytes.length >> 1;
  bytes.writeUInt8(bytes.readUInt8(mid) ^ 0x5a, mid);
  writeFileSync(file, bytes);
  const damaged = await hosts();
  t.is(damaged.code, 0, damaged.stderr);
  t.is(damaged.stdout, first.stdout);
  t.notDeepEqual(readFileSync(file), bytes, 'made again');

  // Writable by others: not used (it is code that would run), and replaced by a private one.
  chmodSync(file, 0o666);
  writeFileSync(stale, 'left by another build');
  const open = await hosts();
  t.is(open.code, 0, open.stderr);
  t.is(open.stdout, first.stdout);
  t.is(statSync(file).mode & 0o777, 0o600);
  t.throws(() => statSync(stale), { code: 'ENOENT' }, "another build's cache of the command is removed");

  // A cache folder that cannot be made is no reason to fail.
  const blocked = join(cache, 'blocked');
  writeFileSync(blocked, 'a file where the folder would be');
  const noCache = await berth(['hosts', '-o', 'json', '--prefix', prefix, '--nats', NATS_URL], { BERTH_CACHE_DIR: blocked });
  t.is(noCache.code, 0, noCache.stderr);
  t.is(noCache.stdout, first.stdout);
});
