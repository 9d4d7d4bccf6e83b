// The integration files that stop or restart a shared server (the Docker engine, RabbitMQ) on
// purpose: one file at a time, after the others (ava.int.config.js), so they disturb no one.
// `npm test` (scripts/test-all.sh) runs docker-restart before the OpenStack lab's files (the lab
// has no Docker) and openstack-amqp after them (the lab's services use RabbitMQ): a file added
// here goes into one of its two lists too (test/lint/test-all-lists.test.ts fails until it does).
import { realServers } from './ava.real-servers.config.js';

export default {
  files: ['test/int/docker-restart.int.test.ts', 'test/int/openstack-amqp.int.test.ts'],
  ...realServers,
};
