// Integration tests run against the real NATS JetStream, RabbitMQ, Docker engines and OpenStack
// lab that ../shared/lab/*.sh bring up (.ci/run does). They fail, never skip, when a server is
// missing. Most of their time is spent waiting on those servers, so three files run at once (each
// uses its own NATS prefix, queue and container label); the tests within a file run one by one
// because each is declared `test.serial` (test/lint/int-serial.test.ts checks it). ava's `serial`
// option cannot give that order: it also runs one file at a time, whatever `concurrency` says
// (until 2026-11-24 this config set it and the files ran one by one: 11 min on a quiet machine).
// The files that stop a shared server on purpose (dockerd, RabbitMQ) run afterwards, alone:
// ava.int-exclusive.config.js. The cluster test runs apart (ava.cluster.config.js). The real-lab
// files (Magnum takes minutes) need the long timeout.
import { basename } from 'node:path';
import cluster from './ava.cluster.config.js';
import exclusive from './ava.int-exclusive.config.js';
import { realServers } from './ava.real-servers.config.js';

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

export default {
  files: ['test/int/**/*.int.test.ts', ...[...exclusive.files, ...cluster.files].map((f) => `!${f}`)],
  ...realServers,
  serial: false,
  concurrency: 3,
  sortTestFiles: (a, b) => rank(a) - rank(b) || a.localeCompare(b),
};
