// Integration tests run against the real NATS JetStream, RabbitMQ, Docker engines and OpenStack
// lab that ../shared/lab/*.sh bring up (.ci/run does). They fail, never skip, when a server is
// missing. One file at a time: some stop RabbitMQ or dockerd on purpose. The real-lab files
// (Magnum takes minutes) need the long timeout; `npm run test:lab` runs them alone.
export default {
  files: ['test/int/**/*.int.test.ts'],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  environmentVariables: { FORCE_COLOR: '0' },
  concurrency: 1,
  serial: true,
  timeout: '600s',
};
