import { basename } from 'node:path';

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

// The longest files first (their time in a run on this machine, most first), so that three at
// once end together rather than the longest starting last, as in alphabetical order; the rest
// follow alphabetically.
const LONGEST = [
  'openstack-magnum.int.test.ts', 'openstack-lab.int.test.ts', 'openstack-api-lab.int.test.ts', 'nats-auth.int.test.ts', 'openstack-api-zun.int.test.ts',
  'docker-daemon.int.test.ts', 'audit-verify.int.test.ts', 'actions-vm.int.test.ts', 'docker-swarm.int.test.ts',
  'docker-hostile.int.test.ts', 'audit.int.test.ts', 'docker-gap.int.test.ts',
];
const rank = (file) => {
  const i = LONGEST.indexOf(basename(file));
  return i === -1 ? LONGEST.length : i;
};

/** Three integration files at once (ava.int.config.js, ava.int-lab.config.js), the longest first. */
export const concurrentFiles = (files) => ({
  files,
  ...realServers,
  serial: false,
  concurrency: 3,
  sortTestFiles: (a, b) => rank(a) - rank(b) || a.localeCompare(b),
});

