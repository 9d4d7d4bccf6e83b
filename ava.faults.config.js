// The fault suite (`npm run test:faults`, issue 10): kill -9 mid-burst, server restarts, a cluster
// node lost, duplicates, hostile input, backpressure and security, against the real servers the
// integration tests use plus servers of its own. One file at a time: some restart RabbitMQ or
// engine B on purpose. scripts/test-faults.sh prints the summary table of every case at the end.
// `npm test` (scripts/test-all.sh) runs them in two parts: before the OpenStack lab's integration
// files, all but those that restart RabbitMQ (which the lab's services use), listed there; after
// them, those. A new file that restarts RabbitMQ belongs in that list.
import { realServers } from './ava.real-servers.config.js';

export default {
  files: ['test/faults/**/*.faults.test.ts'],
  ...realServers,
  timeout: '300s',
};
