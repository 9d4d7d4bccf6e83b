import test from 'ava';
import type { Container } from '../../events/container.js';
import type { HostRow } from '../../cli/lists/others.js';
import { berthJson, docker, dropPrefix, eventually, removeTestContainers, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';

const CERTS = '/var/lib/berth-lab/docker-b/certs';
const B = ['-H', 'tcp://127.0.0.1:2376', '--tlsverify', '--tlscacert', `${CERTS}/ca.pem`, '--tlscert', `${CERTS}/cert.pem`, '--tlskey', `${CERTS}/key.pem`];

test.serial('two engines, one over mutual TLS, are followed at once as two hosts', async (t) => {
  try {
    await docker(...B, 'version');
  } catch (err) {
    t.fail(`engine B is not up on tcp://127.0.0.1:2376: run 'bash ../shared/lab/docker-up.sh --second' (${(err as Error).message})`);
    return;
  }
  const prefix = uniquePrefix();
  const label = `berth-test=${prefix}`;
  let d: DaemonProc | undefined;
  t.teardown(async () => {
    await d?.stop();
    await removeTestContainers(label);
    const ids = (await docker(...B, 'ps', '-aq', '--filter', `label=${label}`).catch(() => '')).split('\n').filter(Boolean);
    if (ids.length > 0) await docker(...B, 'rm', '-f', ...ids).catch(() => '');
    await dropPrefix(prefix);
  });
  d = await startDaemon(prefix, ['-e', 'a=unix:///var/run/docker.sock', '-e', `b=tcp://127.0.0.1:2376?tls=1&certs=${CERTS}`]);
  await docker('run', '-d', '--name', `${prefix}-a`, '--label', label, 'berth-mini:latest', 'sleep', '300');
  await docker(...B, 'run', '-d', '--network', 'none', '--name', `${prefix}-b`, '--label', label, 'berth-mini:latest', 'sleep', '300');
  const ps = await eventually('a container on each engine', async () => {
    const cs = await berthJson<Container[]>(prefix, ['ps', '--label', label]);
    return cs.length === 2 && cs.every((c) => c.state === 'running') ? cs : undefined;
  });
  t.deepEqual(ps.map((c) => [c.name, c.host]).sort(), [[`${prefix}-a`, 'a'], [`${prefix}-b`, 'b']]);
  const hosts = await berthJson<HostRow[]>(prefix, ['hosts']);
  const a = hosts.find((h) => h.id === 'a');
  const b = hosts.find((h) => h.id === 'b');
  t.true(a?.reachable);
  t.true(b?.reachable);
  t.is(b?.docker?.endpoint, 'tcp://127.0.0.1:2376');
  // Both lab engines share /etc/docker/key.json: same engine ID, told apart by how they are reached.
  t.is(a?.docker?.engineId, b?.docker?.engineId);
  // Other integration files (actions-routing) run containers on engine B at the same time: at least this one.
  t.true((b?.containers ?? 0) >= 1, `engine B shows ${String(b?.containers)} containers`);
});
