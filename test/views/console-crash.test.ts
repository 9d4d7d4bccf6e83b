import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { ROOT } from '../support/daemon-harness.js';

const ENTER = '\x1b[?1049h';
const LEAVE = '\x1b[?1049l';

test('a crash while rendering gives the terminal back: the alternate screen is left, then the error is printed where it can be read', async (t) => {
  t.timeout(60_000);
  const dir = await mkdtemp(join(tmpdir(), 'berth-crash-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const typescript = join(dir, 'tty.out');
  const cmd = `env -u CI ${process.execPath} --import tsx ${join(ROOT, 'test', 'support', 'console-crash.ts')}; echo CRASH-EXIT $?`;
  // script(1) gives the console a real terminal and keeps every byte it wrote.
  await promisify(execFile)('script', ['-qec', cmd, typescript], { cwd: ROOT, timeout: 45_000 });
  const out = await readFile(typescript, 'utf8');
  const entered = out.lastIndexOf(ENTER);
  t.true(entered >= 0, 'the console used the alternate screen');
  const left = out.indexOf(LEAVE, entered);
  t.true(left > entered, 'and left it after the crash');
  const error = out.indexOf('boom in render', left);
  t.true(error > left, 'the error is printed on the normal screen, after leaving');
  t.regex(out, /CRASH-EXIT [1-9]/, 'the process failed');
});
