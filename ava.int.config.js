// Integration tests run against the real NATS JetStream, RabbitMQ, Docker engines and OpenStack
// lab that ../shared/lab/*.sh bring up (.ci/run does). They fail, never skip, when a server is
// missing. Most of their time is spent waiting on those servers, so three files run at once (each
// uses its own NATS prefix, queue and container label); the tests within a file run one by one
// because each is declared `test.serial` (test/lint/int-serial.test.ts checks it). ava's `serial`
// option cannot give that order: it also runs one file at a time, whatever `concurrency` says
// (until 2026-11-24 this config set it and the files ran one by one: 11 min on a quiet machine).
// The files that need the OpenStack lab run after these, once it is up (ava.int-lab.config.js;
// Magnum takes minutes). The files that stop a shared server on purpose (dockerd, RabbitMQ) run
// afterwards, alone: ava.int-exclusive.config.js. The cluster test runs apart (ava.cluster.config.js).
import cluster from './ava.cluster.config.js';
import exclusive from './ava.int-exclusive.config.js';
import { LAB_FILES } from './ava.int-lab.config.js';
import { concurrentFiles } from './ava.real-servers.config.js';

// The lab's files (ava.int-lab.config.js) run apart, after the others: these run while .ci/run is
// still bringing the lab up.
export default concurrentFiles(['test/int/**/*.int.test.ts', ...[...exclusive.files, ...cluster.files, ...LAB_FILES].map((f) => `!${f}`)]);
