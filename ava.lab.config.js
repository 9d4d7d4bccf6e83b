// The real-OpenStack lab tests alone (../shared/lab/openstack): `npm run test:lab`. They also run
// in `npm test` with the other integration tests.
import { realServers } from './ava.real-servers.config.js';

export default {
  files: ['test/int/openstack-lab.int.test.ts', 'test/int/openstack-magnum.int.test.ts', 'test/int/openstack-api-lab.int.test.ts'],
  ...realServers,
};
