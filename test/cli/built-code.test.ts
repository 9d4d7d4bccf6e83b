// berth runs its built commands (dist/) whatever NODE_ENV says: under development or test (ava sets
// test) oclif would otherwise register tsx and run the TypeScript sources of a checkout, which is
// three times the CPU and not the code that ships.
import { join } from 'node:path';
import test from 'ava';
import { berth } from '../support/daemon-harness.js';
import { tempDir } from '../support/temp-dir.js';

for (const env of ['test', 'development']) {
  test(`NODE_ENV=${env}: oclif loads the built commands, never the TypeScript sources`, async (t) => {
    const dir = tempDir(t, 'berth-built');
    // A command that stops before any network (read-only refuses it, exit 2), with oclif's ts-path debug lines.
    const r = await berth(['container', 'stop', 'web', '--yes', '--read-only'], {
      NODE_ENV: env, DEBUG: 'oclif:config:ts-path', BERTH_CONFIG_DIR: join(dir, 'config'), BERTH_CACHE_DIR: join(dir, 'cache'), BERTH_NATS_URL: 'nats://127.0.0.1:1',
    });
    t.is(r.code, 2, r.stderr);
    t.regex(r.stderr, /Actions are off/);
    t.regex(r.stderr, /Skipping typescript path lookup .* enableAutoTranspile is explicitly set to false/);
    t.notRegex(r.stderr, /registering tsx|Found source directory/);
  });
}
