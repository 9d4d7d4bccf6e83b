import test from 'ava';
import { act, actionEvents, ofRequest, requestIdOf } from '../support/actions-int.js';
import { docker, dropPrefix, eventually, removeTestContainers, startDaemon } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { IMAGE, LOCAL, LOCAL_ENGINE, psNamed } from '../support/int-docker.js';

// Engine B of the lab: a second dockerd over mutual TLS (../shared/lab/docker-up.sh --second).
const CERTS = '/var/lib/berth-lab/docker-b/certs';
const B = ['-H', 'tcp://127.0.0.1:2376', '--tlsverify', '--tlscacert', `${CERTS}/ca.pem`, '--tlscert', `${CERTS}/cert.pem`, '--tlskey', `${CERTS}/key.pem`];
const prefix = `t-act-${Math.random().toString(36).slice(2, 8)}`;
const label = `berth-test=${prefix}`;
const daemons: DaemonProc[] = [];

test.after.always(async () => {
  for (const d of daemons) await d.stop();
  await removeTestContainers(label);
  const ids = (await docker(...B, 'ps', '-aq', '--filter', `label=${label}`).catch(() => '')).split('\n').filter(Boolean);
  if (ids.length > 0) await docker(...B, 'rm', '-f', ...ids).catch(() => '');
  await dropPrefix(prefix);
});

test.serial('each daemon answers for its own engine: one acts, a read-only one refuses and records it, and an engine with no daemon is exit 3', async (t) => {
  t.timeout(600_000);
  try {
    await docker(...B, 'version');
  } catch (err) {
    t.fail(`engine B is not up on tcp://127.0.0.1:2376: run 'bash ../shared/lab/docker-up.sh --second' (${(err as Error).message})`);
    return;
  }
  // Two daemons on one installation, as with one daemon per Docker host: each signs as its own writer.
  const a = await startDaemon(prefix, ['-e', LOCAL_ENGINE, '--writer', `${prefix}-a`]);
  daemons.push(a);
  const b = await startDaemon(prefix, ['-e', `b=tcp://127.0.0.1:2376?tls=1&certs=${CERTS}`, '--writer', `${prefix}-b`, '--read-only']);
  daemons.push(b);
  // A second daemon for the same engine (a standby): the queue group gives each request to one of them.
  const a2 = await startDaemon(prefix, ['-e', LOCAL_ENGINE, '--writer', `${prefix}-a2`]);
  daemons.push(a2);
  t.regex(b.err(), /actions: read-only, refusing every request for engine b/);
  const onA = `${prefix}-a`;
  const onB = `${prefix}-b`;
  await docker('run', '-d', '--name', onA, '--label', label, IMAGE, 'sleep', '600');
  await docker(...B, 'run', '-d', '--network', 'none', '--name', onB, '--label', label, IMAGE, 'sleep', '600');
  await eventually('both containers running in the model', async () =>
    (await psNamed(prefix, onA))?.state === 'running' && (await psNamed(prefix, onB))?.state === 'running', 60_000);

  const ok = await act(prefix, ['container', 'kill', onA, '--reason', 'routing']);
  t.is(ok.code, 0, ok.stderr);
  const acted = [a, a2].filter((x) => /kill container \w+ for .*: succeeded/.test(x.err()));
  t.is(acted.length, 1, 'exactly one of the two daemons for engine local carried it out');
  await eventually(`${onA} exited`, async () => (await psNamed(prefix, onA))?.state === 'exited');

  const refused = await act(prefix, ['container', 'kill', onB, '--reason', 'should be refused']);
  t.is(refused.code, 2, refused.stderr);
  t.regex(refused.stderr, /The daemon refused to kill container .*: the daemon for engine 'b' is read-only \(berth daemon --read-only\)\. The refusal is recorded\./);
  const events = await actionEvents(prefix);
  const ofB = events.filter((e) => e.data.target.name === onB);
  t.deepEqual(ofB.map((e) => e.type), ['ActionRequested', 'ActionRefused']);
  t.deepEqual(ofB.map((e) => e.source), [{ kind: 'berth', host: 'b' }, { kind: 'berth', host: 'b' }]);
  t.is(ofB[0]?.data.requestId, ofB[1]?.data.requestId);
  t.deepEqual(ofRequest(events, requestIdOf(ok.stdout)).map((e) => [e.type, e.source.host]), [['ActionRequested', LOCAL], ['ActionSucceeded', LOCAL]]);
  t.is(await docker(...B, 'inspect', '-f', '{{.State.Status}}', onB), 'running');

  // Both daemons for engine local stop: B still runs (and answers for b), but nobody answers for 'local'.
  await a.stop();
  await a2.stop();
  const none = await act(prefix, ['container', 'start', onA, '--timeout', '5']);
  t.is(none.code, 3, none.stderr);
  t.regex(none.stderr, /No daemon is responsible for engine 'local': is 'berth daemon' running with that engine \(same --nats and --prefix\)\?/);
  const stillB = await act(prefix, ['container', 'stop', onB, '--timeout', '5']);
  t.is(stillB.code, 2, 'the daemon for b still answers (and still refuses)');
  t.is(await docker('inspect', '-f', '{{.State.Status}}', onA), 'exited');
});
