// Integration tests run against the real NATS JetStream, RabbitMQ, Docker engines and OpenStack
// lab that ../shared/lab/*.sh bring up (.ci/run does). They fail, never skip, when a server is
// missing. Most of their time is spent waiting on those servers, so three files run at once (each
// uses its own NATS prefix, queue and container label); the tests within a file run one by one.
// The files that stop a shared server on purpose (dockerd, RabbitMQ) run afterwards, alone:
// ava.int-exclusive.config.js. The cluster test runs apart (ava.cluster.config.js). The real-lab
// files (Magnum takes minutes) need the long timeout.
import cluster from './ava.cluster.config.js';
import exclusive from './ava.int-exclusive.config.js';
import { realServers } from './ava.real-servers.config.js';

export default {
  files: ['test/int/**/*.int.test.ts', ...[...exclusive.files, ...cluster.files].map((f) => `!${f}`)],
  ...realServers,
  concurrency: 3,
};
