import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { berth } from '../../support/daemon-harness.js';
import { tempDir } from '../../support/temp-dir.js';

// The real CLI, each test with its own config folder. Ports 1..3 on 127.0.0.1 refuse
// connections, so the error message says which server a command chose.
const sandbox = (t: ExecutionContext): { env: { BERTH_CONFIG_DIR: string; BERTH_CACHE_DIR: string }; run: (args: readonly string[], extra?: Record<string, string>) => ReturnType<typeof berth> } => {
  const dir = tempDir(t, 'berth-ctxcmd');
  const env = { BERTH_CONFIG_DIR: join(dir, 'config'), BERTH_CACHE_DIR: join(dir, 'cache') };
  return { env, run: (args, extra = {}) => berth(args, { ...env, ...extra }) };
};

const server = (stderr: string): string | undefined => /NATS at '([^']+)' did not answer/.exec(stderr)?.[1];

test.serial('add, use, list, show and rm manage contexts; the current one is marked and secrets are never printed', async (t) => {
  t.timeout(300_000); // starts the CLI many times; a loaded machine makes each start slow
  const { env, run } = sandbox(t);
  const add = await run(['context', 'add', 'prod', '--nats', 'nats://js1:4222', '--nats', 'nats://js2:4222', '--prefix', 'p1', '--user', 'berth', '--password-env', 'PROD_PW', '--engine', 'unix:///var/run/docker.sock', '--cloud', 'prodcloud']);
  t.is(add.code, 0, add.stderr);
  t.regex(add.stdout, /Context 'prod' saved in .*contexts\.json: 2 NATS servers, prefix p1, credentials: user berth, password from \$PROD_PW\./);
  t.is((await run(['context', 'add', 'lab', '--nats', 'nats://u:hunter22@lab:4222', '--store-secret', '--use'])).code, 0);
  t.is(statSync(join(env.BERTH_CONFIG_DIR, 'contexts.json')).mode & 0o777, 0o600);
  const list = await run(['context', 'list']);
  t.is(list.code, 0);
  t.regex(list.stdout, /^\*\s+lab\s+nats:\/\/u:\*\*\*@lab:4222/m);
  t.regex(list.stdout, /^\s+prod\s+nats:\/\/js1:4222,nats:\/\/js2:4222\s+p1\s+user berth, password from \$PROD_PW/m);
  const json = JSON.parse((await run(['context', 'list', '--json'])).stdout) as { name: string; current: boolean; nats: string[] }[];
  t.deepEqual(json.map((c) => [c.name, c.current, c.nats]), [['lab', true, ['nats://u:***@lab:4222']], ['prod', false, ['nats://js1:4222', 'nats://js2:4222']]]);
  const show = await run(['context', 'show', 'prod', '-o', 'yaml']);
  t.regex(show.stdout, /engines:\n\s+- unix:\/\/\/var\/run\/docker\.sock/);
  t.regex(show.stdout, /cloud: prodcloud/);
  for (const r of [list, show, await run(['context', 'show']), await run(['context', 'show', '--json'])]) t.false((r.stdout + r.stderr).includes('hunter22'));
  t.true(readFileSync(join(env.BERTH_CONFIG_DIR, 'contexts.json'), 'utf8').includes('hunter22'), 'stored because --store-secret said so');
  const rm = await run(['context', 'rm', 'lab']);
  t.regex(rm.stdout, /Context 'lab' removed\. It was the current one: no context is current now\./);
  const none = await run(['context', 'show']);
  t.is(none.code, 4);
  t.regex(none.stderr, /No context is current/);
});

test.serial('bad input gives clear errors and exit codes', async (t) => {
  t.timeout(300_000);
  const { run } = sandbox(t);
  const secret = await run(['context', 'add', 'x', '--user', 'u', '--password', 'hunter22']);
  t.is(secret.code, 2);
  t.regex(secret.stderr, /--password would store a secret in the contexts file\./);
  t.false(secret.stderr.includes('hunter22'));
  t.is((await run(['context', 'add', 'bad name'])).code, 2);
  t.is((await run(['context', 'use', 'nope'])).code, 4);
  t.is((await run(['context', 'rm', 'nope'])).code, 4);
  t.is((await run(['context', 'add', 'a'])).code, 0);
  const again = await run(['context', 'add', 'a']);
  t.is(again.code, 2);
  t.regex(again.stderr, /already exists[\s\S]*--force/);
  t.is((await run(['context', 'add', 'a', '--force', '--prefix', 'z'])).code, 0);
  const prefix = await run(['context', 'add', 'b', '--prefix', 'bad prefix']);
  t.is(prefix.code, 2, prefix.stderr);
  t.regex(prefix.stderr, /The prefix 'bad prefix' is not one berth can use: a prefix is a letter/);
  t.is((await run(['context', 'use', 'b'])).code, 4, 'the context was not saved');
  const unknown = await run(['hosts', '--context', 'nope']);
  t.is(unknown.code, 2);
  t.regex(unknown.stderr, /Context 'nope' does not exist\.[\s\S]*Known contexts: a/);
});

test.serial('every command uses the current context; --context and BERTH_CONTEXT pick another; a flag beats BERTH_* beats the context beats the default', async (t) => {
  t.timeout(300_000);
  const { env, run } = sandbox(t);
  t.is((await run(['context', 'add', 'one', '--nats', 'nats://127.0.0.1:1', '--use'])).code, 0);
  t.is((await run(['context', 'add', '--nats', 'nats://127.0.0.1:2', 'two'])).code, 0, 'the name may follow the repeatable flags');
  t.is(server((await run(['hosts'])).stderr), 'nats://127.0.0.1:1', 'the current context');
  t.is(server((await run(['ps', '--context', 'two'])).stderr), 'nats://127.0.0.1:2', '--context');
  t.is(server((await run(['vms'], { BERTH_CONTEXT: 'two' })).stderr), 'nats://127.0.0.1:2', 'BERTH_CONTEXT');
  t.is(server((await run(['hosts'], { BERTH_NATS_URL: 'nats://127.0.0.1:3' })).stderr), 'nats://127.0.0.1:3', 'env beats the context');
  t.is(server((await run(['hosts', '--nats', 'nats://127.0.0.1:2'], { BERTH_NATS_URL: 'nats://127.0.0.1:3' })).stderr), 'nats://127.0.0.1:2', 'the flag beats env');
  const daemon = await run(['daemon', '--no-docker', '--context', 'two']);
  t.is(daemon.code, 3, 'the daemon resolves its NATS the same way');
  t.is(server(daemon.stderr), 'nats://127.0.0.1:2');
  const defaults = join(env.BERTH_CACHE_DIR, 'completions', 'default');
  mkdirSync(defaults, { recursive: true });
  writeFileSync(join(defaults, 'container'), 'web-1\tcontainer\n');
  t.is((await run(['context', 'use', '--none'])).code, 0);
  t.false(existsSync(defaults), 'changing the current context forgets the candidates of the old one');
  t.is(server((await run(['hosts', '--nats', 'nats://127.0.0.1:3'])).stderr), 'nats://127.0.0.1:3', 'no context: flags only');
});
