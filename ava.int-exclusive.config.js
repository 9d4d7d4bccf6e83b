// The integration files that stop or restart a shared server (the Docker engine, RabbitMQ) on
// purpose: one file at a time, after the others (ava.int.config.js), so they disturb no one.
export default {
  files: ['test/int/docker-restart.int.test.ts', 'test/int/openstack-amqp.int.test.ts'],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  environmentVariables: { FORCE_COLOR: '0' },
  concurrency: 1,
  serial: true,
  timeout: '600s',
};
