import test from 'ava';
import type { DockerEventMessage } from '../../events/translate/docker-message.js';
import { splitAction } from '../../events/translate/docker-message.js';
import { containerFromInspect } from '../../events/translate/docker-inspect.js';
import type { HealthExecState } from '../../events/translate/health-exec-filter.js';
import { emptyHealthExecState, filterHealthExec, probeCommand, withProbe } from '../../events/translate/health-exec-filter.js';
import { loadCommands, loadScenario, loadSnapshot } from '../support/corpus.js';

/** `--name X … --health-cmd 'Y'` pairs from a scenario's logged commands. */
const healthCmdsByName = (scenario: string): Map<string, string> => {
  const out = new Map<string, string>();
  for (const m of loadCommands(scenario).matchAll(/--name (\S+)[^\n]*?--health-cmd '([^']*)'/g)) out.set(m[1]!, m[2]!);
  return out;
};

/**
 * Runs the filter over a scenario the way the daemon does: the probe command becomes known when
 * the container is created (the daemon inspects it then), as `docker run --health-cmd` sets it.
 */
const filterScenario = (scenario: string): { kept: DockerEventMessage[]; dropped: DockerEventMessage[]; state: HealthExecState } => {
  const cmds = healthCmdsByName(scenario);
  let state = emptyHealthExecState();
  const kept: DockerEventMessage[] = [];
  const dropped: DockerEventMessage[] = [];
  for (const m of loadScenario(scenario)) {
    const cmd = cmds.get(m.Actor.Attributes['name'] ?? '');
    if (m.Type === 'container' && m.Action === 'create' && cmd !== undefined) {
      state = withProbe(state, m.Actor.ID, probeCommand(['CMD-SHELL', cmd]));
    }
    const r = filterHealthExec(state, m);
    state = r.state;
    (r.keep ? kept : dropped).push(m);
  }
  return { kept, dropped, state };
};

const verbs = (ms: readonly DockerEventMessage[]): string[] => ms.map((m) => splitAction(m.Action).verb);
const count = (ms: readonly DockerEventMessage[], verb: string): number => verbs(ms).filter((v) => v === verb).length;

test('the health commands of the scenarios are read from their logged commands', (t) => {
  t.deepEqual([...healthCmdsByName('04-healthcheck')], [['ev-health', 'test -f /ok'], ['ev-health2', 'exit 1']]);
  t.deepEqual([...healthCmdsByName('18-recommended-filter-fixture')], [['ev-rf', 'true']]);
});

test('a CMD-SHELL healthcheck runs as the /bin/sh -c command the engine prints', (t) => {
  t.is(probeCommand(['CMD-SHELL', 'test -f /ok']), '/bin/sh -c test -f /ok');
  t.is(probeCommand(['CMD', 'curl', '-f', 'http://localhost/']), 'curl -f http://localhost/');
  t.is(probeCommand(['NONE']), null);
  t.is(probeCommand([]), null);
  t.is(probeCommand(null), null);
  t.is(containerFromInspect(loadSnapshot('container-inspect-ev-web.json'))?.healthcheck, '/bin/sh -c test -d /data');
});

test('04-healthcheck: every probe exec is dropped and the health transitions are kept', (t) => {
  const { kept, dropped, state } = filterScenario('04-healthcheck');
  t.is(dropped.length, 30);
  t.deepEqual([count(dropped, 'exec_create'), count(dropped, 'exec_start'), count(dropped, 'exec_die')], [10, 10, 10]);
  t.is(kept.length, 18);
  t.is(kept.filter((m) => m.Action.startsWith('exec_')).length, 0);
  t.deepEqual(kept.filter((m) => m.Action.startsWith('health_status')).map((m) => m.Action), [
    'health_status: healthy', 'health_status: unhealthy', 'health_status: healthy', 'health_status: unhealthy',
  ]);
  t.deepEqual([count(kept, 'create'), count(kept, 'start'), count(kept, 'die'), count(kept, 'destroy')], [2, 2, 2, 2]);
  t.is(state.probeExecs.size, 0, 'every probe exec was closed by its exec_die');
  t.is(state.probes.size, 0, 'destroy forgets the probe');
});

test('18-recommended-filter-fixture: probe execs are dropped and the user exec echo hi is kept', (t) => {
  const { kept, dropped } = filterScenario('18-recommended-filter-fixture');
  t.deepEqual(verbs(dropped), ['exec_create', 'exec_start', 'exec_die', 'exec_create', 'exec_start', 'exec_die']);
  t.true(dropped.filter((m) => m.Action !== 'exec_die').every((m) => m.Action.endsWith(': /bin/sh -c true')));
  t.is(kept.length, 11);
  const userExec = kept.filter((m) => m.Action.startsWith('exec_'));
  t.deepEqual(userExec.map((m) => m.Action), ['exec_create: echo hi', 'exec_start: echo hi', 'exec_die']);
  t.is(new Set(userExec.map((m) => m.Actor.Attributes['execID'])).size, 1);
  t.deepEqual(kept.filter((m) => m.Action.startsWith('health_status')).map((m) => m.Action), ['health_status: healthy']);
});

test('without the probe command known nothing is dropped', (t) => {
  let state = emptyHealthExecState();
  const messages = loadScenario('18-recommended-filter-fixture');
  let kept = 0;
  for (const m of messages) {
    const r = filterHealthExec(state, m);
    state = r.state;
    if (r.keep) kept += 1;
  }
  t.is(kept, messages.length);
});

test('13-snapshot-fixtures: the probe known from the inspect of ev-web drops its two probes', (t) => {
  const web = containerFromInspect(loadSnapshot('container-inspect-ev-web.json'));
  let state = withProbe(emptyHealthExecState(), web!.containerId, web!.healthcheck);
  const dropped: string[] = [];
  for (const m of loadScenario('13-snapshot-fixtures')) {
    const r = filterHealthExec(state, m);
    state = r.state;
    if (!r.keep) dropped.push(splitAction(m.Action).verb);
  }
  t.deepEqual(dropped, ['exec_create', 'exec_start', 'exec_die', 'exec_create', 'exec_start', 'exec_die']);
});

test('the same command run as a user exec in another container is kept', (t) => {
  const [probeCreate] = loadScenario('18-recommended-filter-fixture').filter((m) => m.Action === 'exec_create: /bin/sh -c true');
  const state = withProbe(emptyHealthExecState(), 'another-container', '/bin/sh -c true');
  t.true(filterHealthExec(state, probeCreate!).keep);
});

test('withProbe leaves the state it was given unchanged', (t) => {
  const s0 = emptyHealthExecState();
  const s1 = withProbe(s0, 'c1', '/bin/sh -c true');
  t.is(s0.probes.size, 0);
  t.is(s1.probes.get('c1'), '/bin/sh -c true');
  t.is(withProbe(s1, 'c1', '/bin/sh -c true'), s1);
  t.is(withProbe(s1, 'c1', null).probes.size, 0);
  t.is(s1.probes.size, 1);
});
