// The integration files that stop or restart a shared server (the Docker engine, RabbitMQ) on
// purpose: one file at a time, after the others (ava.int.config.js), so they disturb no one.
import { realServers } from './ava.real-servers.config.js';

export default {
  files: ['test/int/docker-restart.int.test.ts', 'test/int/openstack-amqp.int.test.ts'],
  ...realServers,
};
