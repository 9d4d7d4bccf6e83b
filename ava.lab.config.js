// The real-OpenStack lab tests alone (../shared/lab/openstack): `npm run test:lab`. They also run
// in `npm test` with the other integration tests.
export default {
  files: ['test/int/openstack-lab.int.test.ts', 'test/int/openstack-api-lab.int.test.ts'],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  environmentVariables: { FORCE_COLOR: '0' },
  concurrency: 1,
  serial: true,
  timeout: '600s',
};
