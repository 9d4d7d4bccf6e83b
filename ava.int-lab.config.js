// The integration files that need the OpenStack lab (../shared/lab/openstack): `npm run test:int`
// runs them after the others, once scripts/wait-lab.sh has seen the lab up (.ci/run brings it up
// in the background, and the other integration files run meanwhile), and `npm run test:lab` runs
// them alone. Three at once, as the others (ava.int.config.js), the longest first.
import { concurrentFiles } from './ava.real-servers.config.js';

export const LAB_FILES = ['test/int/openstack-magnum.int.test.ts', 'test/int/openstack-lab.int.test.ts', 'test/int/openstack-api-lab.int.test.ts', 'test/int/actions-vm.int.test.ts'];

export default concurrentFiles(LAB_FILES);
