import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { DockerApiError, DockerClient, DockerUnreachableError } from '../../daemon/sources/docker/client.js';
import { parseEndpoint } from '../../daemon/sources/docker/endpoint.js';
import type { RawDockerEvent } from '../../daemon/sources/docker/ndjson.js';

const LOCAL = 'unix:///var/run/docker.sock';
const ENGINE_B_CERTS = '/var/lib/berth-lab/docker-b/certs';
const ENGINE_B = `engine-b=tcp://127.0.0.1:2376?tls=1&certs=${ENGINE_B_CERTS}`;
const IMAGE = 'berth-mini:latest';

let seq = 0;
const uniqueName = (): string => `berth-int-${String(process.pid)}-${String(Date.now())}-${String(seq++)}`;

const clientFor = (t: ExecutionContext, spec: string): DockerClient => {
  const client = new DockerClient(parseEndpoint(spec, {}));
  t.teardown(() => { client.close(); });
  return client;
};

/** Opens `/events` and resolves `opened` once the engine has subscribed us; collects until `done`. */
const follow = (client: DockerClient, filters: Record<string, string[]>, done: (seen: RawDockerEvent[]) => boolean) => {
  const ac = new AbortController();
  const seen: RawDockerEvent[] = [];
  let onOpen = (): void => undefined;
  const openedOnly = new Promise<void>((resolve) => { onOpen = resolve; });
  const finished = (async () => {
    for await (const e of client.events({ filters, signal: ac.signal, onOpen })) {
      seen.push(e);
      if (done(seen)) break;
    }
    return seen;
  })();
  const timer = setTimeout(() => { ac.abort(); }, 20_000);
  const result = finished.finally(() => { clearTimeout(timer); });
  // A test that fails before awaiting `finished` must not turn into an unhandled rejection.
  result.catch(() => undefined);
  // A stream that fails or ends before it opens (its request timed out) fails `opened` too, rather than leaving it pending.
  const opened = Promise.race([openedOnly, result.then(() => { throw new Error('the events stream ended before it opened'); })]);
  opened.catch(() => undefined);
  return { opened, finished: result, abort: () => { ac.abort(); } };
};

const createContainer = async (t: ExecutionContext, client: DockerClient, name: string, body: object): Promise<string> => {
  const created = await client.post('/containers/create', { name }, { Image: IMAGE, Cmd: ['sleep', '30'], ...body });
  t.is(created.status, 201, created.body);
  const id = (JSON.parse(created.body) as { Id: string }).Id;
  t.teardown(async () => {
    await client.delete(`/containers/${id}`, { force: 1 });
  });
  return id;
};

const hasActions = (name: string, actions: string[]) => (seen: RawDockerEvent[]): boolean =>
  actions.every((a) => seen.some((e) => e.Action === a && e.Actor.Attributes['name'] === name));

test.serial('negotiate picks 1.41 on this 20.10 engine and ping reports it', async (t) => {
  const client = clientFor(t, LOCAL);
  t.is(client.apiVersion, undefined);
  t.deepEqual(await client.ping(), { apiVersion: '1.41' });
  t.is(await client.negotiate(), '1.41');
  t.is(client.apiVersion, '1.41');
  const version = await client.version();
  t.is(version['ApiVersion'], '1.41');
});

test.serial('a container created and started shows up as create and start events and a published port', async (t) => {
  const client = clientFor(t, LOCAL);
  const name = uniqueName();
  const stream = follow(client, { type: ['container'], container: [name] }, hasActions(name, ['create', 'start']));
  await stream.opened;
  const id = await createContainer(t, client, name, {
    ExposedPorts: { '80/tcp': {} },
    HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '' }] } },
  });
  t.true(await client.startContainer(id));
  t.true(await client.startContainer(id), '304 already started is success');
  const seen = await stream.finished;
  const create = seen.find((e) => e.Action === 'create');
  t.is(create?.Actor.ID, id);
  t.regex(create?.timeNano ?? '', /^\d{19}$/);
  t.is(create?.Type, 'container');
  t.truthy(seen.find((e) => e.Action === 'start' && e.Actor.ID === id));

  const inspected = await client.inspectContainer(id);
  const ports = (inspected?.['NetworkSettings'] as { Ports: Record<string, { HostPort: string }[]> }).Ports;
  t.regex(ports['80/tcp']?.[0]?.HostPort ?? '', /^\d+$/);
  const listed = await client.listContainers();
  t.true(listed.some((c) => c['Id'] === id));

  t.true(await client.stopContainer(id, { timeoutSec: 1 }));
  t.true(await client.stopContainer(id, { timeoutSec: 1 }), '304 already stopped is success');
  t.true(await client.restartContainer(id, { timeoutSec: 1 }));
  t.true(await client.stopContainer(id, { timeoutSec: 1 }));
  t.is((await client.delete(`/containers/${id}`)).status, 204);
  t.is(await client.inspectContainer(id), null);
  t.false(await client.startContainer(id));
  t.false(await client.stopContainer(id));
  t.false(await client.restartContainer(id));
});

test.serial('aborting the signal ends the events stream quietly', async (t) => {
  const client = clientFor(t, LOCAL);
  const stream = follow(client, { type: ['daemon'] }, () => false);
  await stream.opened;
  stream.abort();
  t.deepEqual(await stream.finished, []);
});

test.serial('closing the client ends the events stream quietly', async (t) => {
  const client = clientFor(t, LOCAL);
  const stream = follow(client, { type: ['daemon'] }, () => false);
  await stream.opened;
  client.close();
  t.deepEqual(await stream.finished, []);
});

test.serial('the events stream outlives the request timeout while idle', async (t) => {
  // 1 s: short beside the idle wait, long enough for the engine to answer under a loaded CI machine
  // (300 ms timed the events request out there before it opened).
  const client = new DockerClient(parseEndpoint(LOCAL, {}), { timeoutMs: 1000 });
  t.teardown(() => { client.close(); });
  const name = uniqueName();
  const stream = follow(client, { type: ['container'], container: [name] }, hasActions(name, ['create']));
  await stream.opened;
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await createContainer(t, client, name, {});
  t.deepEqual((await stream.finished).map((e) => e.Action), ['create']);
});

test.serial('an engine that accepts but never answers times out with DockerUnreachableError', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-mute-'));
  const path = join(dir, 'mute.sock');
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(path, resolve));
  t.teardown(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const client = new DockerClient(parseEndpoint(`unix://${path}`, {}), { timeoutMs: 200 });
  t.teardown(() => { client.close(); });
  await t.throwsAsync(client.ping(), { instanceOf: DockerUnreachableError, message: /did not answer \(timed out after 200 ms\)/ });
});

test.serial('swarm lists answer on this manager; info and networks parse', async (t) => {
  const client = clientFor(t, LOCAL);
  const info = await client.info();
  t.is((info['Swarm'] as { LocalNodeState: string }).LocalNodeState, 'active');
  t.true((await client.listNodes()).length >= 1);
  t.true(Array.isArray(await client.listServices()));
  t.true(Array.isArray(await client.listTasks()));
  t.true((await client.listNetworks()).some((n) => n['Name'] === 'bridge'));
});

test.serial('engine errors carry the status and the engine message', async (t) => {
  const client = clientFor(t, LOCAL);
  const err = await t.throwsAsync(client.get('/containers/berth-no-such-container/json'), { instanceOf: DockerApiError });
  t.is(err?.code, 'E_DOCKER_API');
  t.is(err?.status, 404);
  t.regex(err?.engineMessage ?? '', /No such container/);
  t.regex(err?.message ?? '', /unix:\/\/\/var\/run\/docker\.sock.*404/);
});

test.serial('engine B answers over mutual TLS, follows events, and has no swarm', async (t) => {
  const howTo = "Engine B is not up: run 'bash /work/shared/lab/docker-up.sh --second' first.";
  if (!existsSync(`${ENGINE_B_CERTS}/cert.pem`)) return t.fail(`${howTo} (no ${ENGINE_B_CERTS}/cert.pem)`);
  const client = clientFor(t, ENGINE_B);
  t.is(client.endpoint.name, 'engine-b');
  try {
    await client.ping();
  } catch (err) {
    return t.fail(`${howTo} (${(err as Error).message})`);
  }
  t.is(await client.negotiate(), '1.41');
  t.deepEqual(await client.listServices(), [], 'a non-swarm engine answers 503, which means none');
  t.deepEqual(await client.listNodes(), []);
  const name = uniqueName();
  const stream = follow(client, { type: ['container'], container: [name] }, hasActions(name, ['create', 'start']));
  await stream.opened;
  const id = await createContainer(t, client, name, { HostConfig: { NetworkMode: 'none' } });
  t.true(await client.startContainer(id));
  const seen = await stream.finished;
  t.deepEqual(seen.filter((e) => e.Actor.ID === id).map((e) => e.Action), ['create', 'start']);
});

test.serial('an engine that is not there gives DockerUnreachableError saying what to do', async (t) => {
  const client = clientFor(t, 'unix:///tmp/berth-no-such-engine.sock');
  const err = await t.throwsAsync(client.ping(), { instanceOf: DockerUnreachableError });
  t.is(err?.code, 'E_UNREACHABLE');
  t.is(
    err?.message,
    "Docker engine 'unix:///tmp/berth-no-such-engine.sock' did not answer (ENOENT). Start dockerd, or set DOCKER_HOST / --engine to a running engine.",
  );
  await t.throwsAsync(client.listContainers(), { instanceOf: DockerUnreachableError });
  await t.throwsAsync(async () => {
    for await (const e of client.events()) t.fail(e.raw);
  }, { instanceOf: DockerUnreachableError });
  const tcp = clientFor(t, 'tcp://127.0.0.1:1');
  await t.throwsAsync(tcp.ping(), { instanceOf: DockerUnreachableError, message: /ECONNREFUSED/ });
});
