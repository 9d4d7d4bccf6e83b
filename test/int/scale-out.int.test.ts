import test from 'ava';
import type { Container } from '../../events/container.js';
import { berth, docker, dropPrefix, eventually, NATS_URL, removeTestContainers, uniquePrefix } from '../support/daemon-harness.js';
import { healthz, spawnDaemon } from '../support/ops-daemon.js';
import type { Daemon } from '../support/ops-daemon.js';
import { berthAt, comparable, containerLifecycle, lifecycleSettled, replay } from '../support/scale-out.js';
import { readAllEvents } from '../support/stream-reader.js';

const ENGINE = 'local=unix:///var/run/docker.sock';

test.serial('a docker daemon and a project daemon on one JetStream build the same model as one daemon doing everything', async (t) => {
  t.timeout(360_000);
  const split = uniquePrefix();
  const single = uniquePrefix();
  const label = `berth-test=${split}`;
  const running: Daemon[] = [];
  t.teardown(async () => {
    await Promise.all(running.map((d) => d.stop()));
    await removeTestContainers(label);
    await dropPrefix(split);
    await dropPrefix(single);
  });
  const start = async (args: readonly string[], ready: RegExp): Promise<Daemon> => {
    const d = await spawnDaemon(['--nats', NATS_URL, '-q', ...args], ready);
    running.push(d);
    return d;
  };
  const project = await start(['--prefix', split, '--role', 'project', '--http', '127.0.0.1:0'], /berth daemon running/);
  const dockerOnly = await start(['--prefix', split, '--role', 'docker', '--engine', ENGINE], /resynced/);
  await start(['--prefix', single, '--engine', ENGINE], /resynced/);
  t.regex(project.err(), /0 Docker engine\(s\): none; roles: project/);
  t.regex(dockerOnly.err(), /1 Docker engine\(s\): local=unix:\/\/\/var\/run\/docker\.sock; roles: docker/);
  t.like((await healthz(project.http())).body, { status: 'ok', roles: ['project'] });

  const l = await containerLifecycle(split, label);
  await lifecycleSettled(NATS_URL, split, l);
  await lifecycleSettled(NATS_URL, single, l);
  t.deepEqual(await comparable(NATS_URL, split, l), await comparable(NATS_URL, single, l));
  for (const prefix of [split, single]) {
    const r = await replay(NATS_URL, prefix);
    t.is(r.code, 0, `${prefix}: ${JSON.stringify(r.differences)}`);
    t.deepEqual(r.differences, []);
  }

  // Only the docker daemon writes events; only the project daemon writes the model.
  const verify = await berth(['audit', 'verify', '--json', '--prefix', split, '--nats', NATS_URL]);
  t.is(verify.code, 0, verify.stdout + verify.stderr);
  const writers = (JSON.parse(verify.stdout) as { writers: { writer: string }[] }).writers.map((w) => w.writer);
  t.deepEqual(writers, [`${writers[0]?.split(':')[0] ?? ''}:${split}:docker`], 'one writer, with an id of its own: <host>:<prefix>:docker');
  t.deepEqual(await project.stop(), { code: 0, signal: null });
  running.splice(running.indexOf(project), 1);
  const late = `${split}-late`;
  await docker('run', '-d', '--name', late, '--label', label, 'berth-mini:latest', 'sleep', '300');
  const lateId = (JSON.parse(await docker('inspect', late)) as [{ Id: string }])[0].Id;
  await eventually('the docker daemon to store the new container', async () => (await readAllEvents(split)).some((e) => e.type === 'ContainerStarted' && e.subject.id.includes(lateId)), 60_000);
  t.false((await berthAt<Container[]>(NATS_URL, split, ['ps', '--label', label])).some((c) => c.name === late), 'with no project daemon, the model does not move');
  await start(['--prefix', split, '--role', 'project'], /berth daemon running/);
  await eventually('the project daemon to catch up', async () => (await berthAt<Container[]>(NATS_URL, split, ['ps', '--label', label])).some((c) => c.name === late && c.state === 'running'), 90_000);
  t.is((await replay(NATS_URL, split)).code, 0);
});
