// The three-node JetStream cluster test (scripts/nats-cluster.sh, a node killed mid-way), run by
// `npm test` after the other integration files (`npm run test:cluster` alone, after a build): its
// three nats-servers and daemons take the machine's two cores for a minute.
import { realServers } from './ava.real-servers.config.js';

export default {
  files: ['test/int/scale-out-cluster.int.test.ts'],
  ...realServers,
  timeout: '900s',
};
