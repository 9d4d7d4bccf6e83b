// Lint: the import boundaries of STYLE.md §2 (errors), plus the type-aware rules the daemon
// relies on. Size and complexity limits warn: they are targets, not gates.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const zone = (files, patterns, message) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/**/snapshots/**', 'oclif.manifest.json', 'scripts/**', 'bin/**', '*.config.js', 'test/lint/bad-*.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      'no-console': 'error',
      complexity: ['warn', 10],
      'max-lines': ['warn', 200],
      'max-params': ['warn', 5],
    },
  },
  { files: ['cli/output/**', 'daemon/log.ts', 'bench/**', 'test/**'], rules: { 'no-console': 'off' } },
  // Tests assign a teardown-visible `let` once, and match control characters on purpose.
  { files: ['test/**'], rules: { 'prefer-const': 'off', 'no-control-regex': 'off' } },
  zone(['events/**/*.ts', 'test/lint/bad-events-import.ts'],
    ['node:*', '@nats-io/*', 'ink', 'react', 'lowdb', 'dockerode', 'amqplib', '**/daemon/**', '**/cli/**', '**/views/**', '**/completions/**'],
    'events/ is the pure core: no I/O, no node:*, no daemon/cli/views (STYLE.md §2).'),
  zone(['daemon/**/*.ts'], ['ink', 'react', '**/views/**', '**/cli/**', '**/completions/**'], 'daemon/ is headless: no Ink, React, views/ or cli/ (STYLE.md §2).'),
  zone(['views/**/*.ts', 'views/**/*.tsx'], ['@nats-io/*', '**/daemon/**', '**/cli/**', 'blessed', 'blessed-contrib'], 'views/ never talks to NATS: it gets a QueryClient through context; blessed only in views/dashboards/ (STYLE.md §2).'),
  // Two renderers never share a screen: dashboards draw with blessed, never Ink or React.
  zone(['views/dashboards/**/*.ts'], ['@nats-io/*', '**/daemon/**', '**/cli/**', 'ink', 'react', '**/*.tsx', '../app.js', '../components/**', '../screens/**', '../hooks/**'], 'views/dashboards/ is blessed only: no Ink, React or Ink screens (STYLE.md §2, §6).'),
  // The classic hook rules (the React Compiler rules of plugin v7 are left off: no compiler here).
  { files: ['views/**/*.tsx', 'views/**/*.ts'], plugins: { 'react-hooks': reactHooks }, rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' } },
  {
    files: ['cli/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '/daemon/(?!main\\.js$|query/client\\.js$)', message: 'cli/ reaches daemon/ only through main.ts and query/client.ts (STYLE.md §2).' }] }] },
  },
  zone(['completions/**/*.ts'], ['**/daemon/**', '**/views/**', '**/cli/**', '@nats-io/*'], 'completions/ reads local state only (STYLE.md §2).'),
);
