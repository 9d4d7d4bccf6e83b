import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { berth } from '../../support/daemon-harness.js';
import { tempDir } from '../../support/temp-dir.js';

// The built CLI with its own config folder, pointed at a NATS that refuses connections (port 1):
// a command that got as far as connecting would fail with exit 3, so exit 2 shows it stopped first.
const sandbox = (t: Parameters<typeof tempDir>[0]): { dir: string; run: (args: readonly string[], env?: Record<string, string>) => ReturnType<typeof berth> } => {
  const dir = tempDir(t, 'berth-act');
  const env = { BERTH_CONFIG_DIR: join(dir, 'config'), BERTH_CACHE_DIR: join(dir, 'cache'), BERTH_NATS_URL: 'nats://127.0.0.1:1' };
  return { dir, run: (args, extra = {}) => berth(args, { ...env, ...extra }) };
};

test.serial('--read-only, BERTH_READ_ONLY=1 and "readOnly" in console.json refuse every action before anything is sent (exit 2)', async (t) => {
  t.timeout(120_000);
  const { dir, run } = sandbox(t);
  const flag = await run(['container', 'stop', 'web', '--yes', '--read-only']);
  t.is(flag.code, 2, flag.stderr);
  t.regex(flag.stderr, /Actions are off: --read-only \(or BERTH_READ_ONLY\) is set\. Nothing was sent\./);
  const env = await run(['vm', 'reboot', 'db-1', '--yes'], { BERTH_READ_ONLY: '1' });
  t.is(env.code, 2, env.stderr);
  t.regex(env.stderr, /Actions are off/);
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(join(dir, 'config', 'console.json'), JSON.stringify({ readOnly: true }));
  const file = await run(['container', 'rm', 'web', '--force', '--yes', '--json']);
  t.is(file.code, 2, file.stderr);
  const json = JSON.parse(file.stdout) as { error: { code: string; message: string } };
  t.is(json.error.code, 'E_CONFIG');
  t.regex(json.error.message, /Actions are off: "readOnly" is true in .*console\.json\./);
  // --dry-run is refused too: read-only means no action, not even a rehearsal of one.
  t.is((await run(['container', 'start', 'web', '--dry-run'], { BERTH_READ_ONLY: 'true' })).code, 2);
});

test.serial('without read-only the same command goes on to NATS (and fails there, exit 3); bad options are usage errors', async (t) => {
  t.timeout(120_000);
  const { run } = sandbox(t);
  const r = await run(['container', 'stop', 'web', '--yes']);
  t.is(r.code, 3, r.stderr);
  t.regex(r.stderr, /NATS at 'nats:\/\/127\.0\.0\.1:1' did not answer/);
  const reason = await run(['container', 'stop', 'web', '--yes', '--reason', 'x'.repeat(1001)]);
  t.is(reason.code, 2);
  t.regex(reason.stderr, /--reason is 1001 characters long; at most 1000 are recorded\./);
  const sig = await run(['container', 'kill', 'web', '--signal', 'KILL;reboot']);
  t.is(sig.code, 2);
  t.regex(sig.stderr, /--signal 'KILL;reboot' is not a signal name or number\./);
  t.is((await run(['container', 'stop', 'web', '--time', '-1'])).code, 2);
});
