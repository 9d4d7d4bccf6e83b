import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import test from 'ava';
import { ESLint } from 'eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('the lint boundary rule reports node:* and daemon/ imports in a file of the events zone', async (t) => {
  // The fixture is ignored by `npm run lint` (it is bad on purpose); here it is linted explicitly.
  const eslint = new ESLint({ cwd: root, ignore: false });
  const [result] = await eslint.lintFiles([join(root, 'test', 'lint', 'bad-events-import.ts')]);
  const restricted = (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
  t.is(restricted.length, 2);
  t.true(restricted.every((m) => m.message.includes('events/ is the pure core')));
});
