// Integration tests run against the real NATS JetStream, RabbitMQ and Docker engine that
// ../shared/lab/*.sh bring up. They fail, never skip, when a server is missing.
export default {
  files: ['test/int/**/*.int.test.ts', '!test/int/openstack-lab.int.test.ts', '!test/int/openstack-api-lab.int.test.ts'],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  environmentVariables: { FORCE_COLOR: '0' },
  concurrency: 1,
  serial: true,
  timeout: '180s',
};
