export default {
  files: ['test/**/*.test.ts', '!test/int/**', '!test/faults/**', '!test/support/**', '!test/fixtures/**'],
  extensions: { ts: 'module', tsx: 'module' },
  nodeArguments: ['--import=tsx'],
  environmentVariables: { FORCE_COLOR: '0' },
  timeout: '60s',
};
