import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import test from 'ava';
import { ESLint } from 'eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('the lint boundary rule reports node:* and daemon/ imports in a file of the events zone', async (t) => {
  // The fixture is ignored by `npm run lint` (it is bad on purpose); here it is linted explicitly,
  // with the project's config but only the import rule and no type information (which `npm run lint`
  // builds for the whole project: about 30 s here for one file), as that rule needs none.
  const eslint = new ESLint({
    cwd: root,
    ignore: false,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === '@typescript-eslint/no-restricted-imports',
  });
  const [result] = await eslint.lintFiles([join(root, 'test', 'lint', 'bad-events-import.ts')]);
  const restricted = (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
  t.is(restricted.length, 2);
  t.true(restricted.every((m) => m.message.includes('events/ is the pure core')));
});
