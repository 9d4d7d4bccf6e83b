import test from 'ava';
import { summarizeEvent } from '../../events/describe.js';
import { translateDockerEvent } from '../../events/translate/docker.js';
import { CORPUS_HOST, loadScenario } from '../support/corpus.js';
import { aContainerCreated, aContainerDied, aContainerKilled, aContainerNetworkConnected, aContainerNetworkDisconnected, aContainerRenamed, aContainerStarted } from '../support/builders.js';

const ID = '3f2a9c4e1b2d' + '0'.repeat(52);

test('container events read as sentences naming what happened (the network, the exit code, the signal)', (t) => {
  t.is(summarizeEvent(aContainerCreated({ containerId: ID, name: 'web', image: 'nginx:1', host: 'h1' })), 'container web (3f2a9c4e1b2d) created from nginx:1 on h1');
  t.is(summarizeEvent(aContainerStarted({ containerId: ID, host: 'h1' })), 'container 3f2a9c4e1b2d started on h1');
  t.is(summarizeEvent(aContainerDied({ containerId: ID, exitCode: 137, host: 'h1' })), 'container 3f2a9c4e1b2d died (exit 137) on h1');
  t.is(summarizeEvent(aContainerKilled({ containerId: ID, signal: 9, host: 'h1' })), 'container 3f2a9c4e1b2d killed (signal 9) on h1');
  t.is(summarizeEvent(aContainerRenamed({ containerId: ID, oldName: 'web', name: 'web-old', host: 'h1' })), 'container web (3f2a9c4e1b2d) renamed web-old on h1');
  t.is(summarizeEvent(aContainerNetworkConnected({ containerId: ID, networkId: 'n'.repeat(64), networkName: 'bridge', host: 'h1' })), 'container 3f2a9c4e1b2d connected to network bridge on h1');
  t.is(summarizeEvent(aContainerNetworkDisconnected({ containerId: ID, networkId: 'a'.repeat(64), networkName: '', host: 'h1' })), `container 3f2a9c4e1b2d disconnected from network ${'a'.repeat(12)} on h1`);
});

test('every container event of the corpus scenario has a sentence, not its type name', (t) => {
  const events = loadScenario('01-container-lifecycle').flatMap((m) => translateDockerEvent(CORPUS_HOST, m, '2026-11-23T12:00:00.000000000Z'));
  t.true(events.length > 3);
  for (const e of events.filter((x) => x.type !== 'ContainerActivity' && x.type !== 'ContainerExecRan' && x.type.startsWith('Container'))) {
    t.false(summarizeEvent(e).startsWith(e.type), `${e.type}: ${summarizeEvent(e)}`);
  }
});
