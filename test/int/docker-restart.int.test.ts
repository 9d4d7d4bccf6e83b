import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import test from 'ava';
import type { DaemonProc } from '../support/daemon-harness.js';
import { docker, dropPrefix, eventually, removeTestContainers, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import { engineUp, hostRows, IMAGE, LOCAL, LOCAL_ENGINE, labDockerUp, psNamed, run } from '../support/int-docker.js';

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => { s.destroy(); resolve(ok); };
    s.setTimeout(2000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test.serial('a restart of dockerd shows the host unreachable, then reachable again with the container it stopped as exited, and leaves the engine usable', async (t) => {
  t.timeout(400_000);
  const prefix = uniquePrefix();
  const label = `berth-test=${prefix}`;
  const name = `${prefix}-c`;
  let daemon: DaemonProc | undefined;
  t.teardown(async () => {
    // Whatever failed, the engine is left running for whoever comes next.
    if (!(await engineUp())) await labDockerUp();
    await daemon?.stop();
    await removeTestContainers(label);
    await dropPrefix(prefix);
  });
  t.is(await docker('info', '--format', '{{.LiveRestoreEnabled}}'), 'false', 'precondition: without live-restore a dockerd restart stops containers');

  daemon = await startDaemon(prefix, ['--engine', LOCAL_ENGINE]);
  const id = await docker('run', '-d', '--label', label, '--name', name, IMAGE, 'sleep', '3600');
  await eventually('C running in berth ps', async () => (await psNamed(prefix, name))?.state === 'running', 60_000);

  // kill -TERM $(cat /var/run/docker.pid), and wait for the process itself to end: a new dockerd
  // refuses to start while the old one still holds the pid file.
  const pid = Number(readFileSync('/var/run/docker.pid', 'utf8').trim());
  process.kill(pid, 'SIGTERM');
  await eventually('dockerd to stop', async () => !(await engineUp()) && !alive(pid), 120_000);
  const down = await eventually('berth hosts to show the engine unreachable', async () => (await hostRows(prefix)).find((h) => h.id === LOCAL && !h.reachable), 60_000);
  t.truthy(down.lastError, 'the host carries the error that made it unreachable');
  t.log(`unreachable: ${down.lastError ?? ''}`);

  await labDockerUp();
  t.true(await engineUp());
  const up = await eventually('berth hosts to show the engine reachable again', async () => (await hostRows(prefix)).find((h) => h.id === LOCAL && h.reachable), 120_000);
  t.is(up.lastError, null);
  t.truthy(up.docker, 'the engine described itself again');
  const c = await eventually('C exited in berth ps', async () => {
    const x = await psNamed(prefix, name);
    return x?.state === 'exited' ? x : undefined;
  }, 60_000);
  t.is(c.containerId, id);
  t.deepEqual(c.ports, []);
  t.is(await docker('inspect', '--format', '{{.State.Status}}', id), 'exited', 'the engine agrees');

  // The engine is fully usable: the default bridge exists and a published port answers.
  const link = await run('ip', ['link', 'show', 'docker0']);
  t.is(link.code, 0, `docker0 exists after the restart: ${link.stderr}`);
  const web = await docker('run', '-d', '--label', label, '--name', `${prefix}-web`, '-p', '127.0.0.1::80', IMAGE, 'httpd', '-f', '-p', '80');
  const hostPort = Number((await docker('port', web, '80/tcp')).split('\n')[0]?.split(':').pop());
  t.true(hostPort > 0);
  await eventually(`127.0.0.1:${hostPort} to accept connections`, () => canConnect(hostPort), 30_000);
  // And the daemon follows the restarted engine live.
  const w = await eventually('the new container with its port in berth ps', async () => {
    const x = await psNamed(prefix, `${prefix}-web`);
    return x?.state === 'running' && x.ports.length > 0 ? x : undefined;
  }, 60_000);
  t.deepEqual(w.ports, [{ hostIp: '127.0.0.1', hostPort, containerPort: 80, protocol: 'tcp' }]);
});
