// What every ava config for tests against the real servers shares (int, exclusive, cluster, lab,
// faults): TypeScript through tsx, no colour, one file at a time and its tests one by one, 600 s.
export const realServers = {
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  environmentVariables: { FORCE_COLOR: '0' },
  concurrency: 1,
  serial: true,
  timeout: '600s',
};
