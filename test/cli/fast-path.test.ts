import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import test from 'ava';
import { ROOT } from '../support/daemon-harness.js';

const BIN = join(ROOT, 'bin', 'run.js');
const run = (args: readonly string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('berth --version without oclif prints what oclif prints (DEBUG set: oclif answers)', (t) => {
  const fast = run(['--version']);
  const oclif = run(['--version'], { DEBUG: 'berth-test-nothing' });
  t.is(fast.code, 0);
  t.is(oclif.code, 0);
  t.regex(fast.stdout, /^berth\/\d+\.\d+\.\d+ \S+-\S+ node-v\d+\.\d+\.\d+\n$/);
  t.is(fast.stdout, oclif.stdout);
  t.is(run(['--version', 'vms']).stdout, fast.stdout, 'only the first argument counts, as in oclif');
});

// The lite parser against oclif's own, on the flags of the commands the fast entry runs: for every
// argv it either steps aside (oclif answers) or returns exactly what oclif's parser returns.
const LITE_KEYS = ['type', 'char', 'multiple', 'options', 'default', 'env'] as const;
const liteOf = (flags: Record<string, Record<string, unknown>>): Record<string, { type: 'option' | 'boolean' }> =>
  Object.fromEntries(Object.entries(flags).map(([n, f]) => [n, Object.fromEntries(LITE_KEYS.filter((k) => f[k] !== undefined).map((k) => [k, f[k]])) as { type: 'option' | 'boolean' }]));

const ARGVS: readonly (readonly string[])[] = [
  [], ['-o', 'json'], ['-ojson'], ['-o=json'], ['--output', 'json'], ['--output=json'], ['--json'], ['--json', '-o', 'yaml'],
  ['-c', 'name', '-c', 'state'], ['-c', 'name,state'], ['--column=name', '--column', 'host'], ['--no-headers', '-o', 'csv'], ['-w'], ['--watch', '-o', 'json'],
  ['--prefix', 'p1', '--nats', 'nats://u:p@127.0.0.1:4222'], ['--at', '10m'], ['--name', '^web-'], ['--state', 'active', '--host', 'h1'], ['--kind', 'docker'],
  ['--label', 'a=b', '--label', 'c'],
  // Where the lite parser must step aside:
  ['-o', 'bogus'], ['-o'], ['--output'], ['--output='], ['--bogus'], ['extra'], ['--'], ['-o', 'json', '-o', 'yaml'], ['-wo', 'json'], ['--watch=true'],
  ['--name', '-x'], ['-h'], ['--help'], ['-c', 'name', 'state'], ['--no-watch'], ['--kind', 'bogus'], ['-'],
];

const ENVS: readonly NodeJS.ProcessEnv[] = [{}, { BERTH_OUTPUT: 'json' }, { BERTH_OUTPUT: 'bogus' }, { BERTH_OUTPUT: '' }, { BERTH_PREFIX: 'from-env', BERTH_NATS_URL: 'nats://h:1' }];

for (const name of ['vms', 'containers', 'hosts'] as const) {
  test.serial(`lite flag parser of '${name}' returns what oclif's parser returns, or steps aside`, async (t) => {
    const { Flags, Parser } = await import('@oclif/core');
    const { parseFlags, StepAside } = await import('../../cli/fast/oclif-lite.js');
    const cls = (await import(`../../cli/commands/${name}.js`)).default as { flags: Record<string, Record<string, unknown>>; enableJsonFlag: boolean };
    const flags = { ...(cls.enableJsonFlag ? { json: Flags.boolean({ description: 'Format output as json.', helpGroup: 'GLOBAL' }) } : {}), ...cls.flags };
    let fast = 0;
    for (const env of ENVS) {
      for (const argv of ARGVS) {
        const saved = { ...process.env };
        Object.assign(process.env, env);
        try {
          let lite: Record<string, unknown> | 'aside';
          try {
            lite = parseFlags(argv, liteOf(flags), process.env);
          } catch (err) {
            if (!(err instanceof StepAside)) throw err;
            lite = 'aside';
          }
          if (lite === 'aside') continue;
          fast += 1;
          const real = await Parser.parse([...argv], { flags: flags as never, args: {}, strict: true, context: undefined as never });
          t.deepEqual(lite, real.flags as Record<string, unknown>, `${name} ${argv.join(' ')} with ${JSON.stringify(env)}`);
        } finally {
          for (const k of Object.keys(env)) delete process.env[k];
          Object.assign(process.env, saved);
        }
      }
    }
    t.true(fast >= 40, `the fast path took ${fast} of the cases`);
  });
}

test('the lite parser takes the common command lines (so the fast path is used) and steps aside on the rest', async (t) => {
  const { parseFlags, StepAside } = await import('../../cli/fast/oclif-lite.js');
  const flags = { output: { type: 'option' as const, char: 'o', options: ['table', 'json'], default: 'table' }, watch: { type: 'boolean' as const, char: 'w' }, prefix: { type: 'option' as const, env: 'P' } };
  t.deepEqual(parseFlags(['-o', 'json', '--prefix=x', '-w'], flags, {}), { output: 'json', prefix: 'x', watch: true });
  t.deepEqual(parseFlags([], flags, { P: 'y' }), { output: 'table', prefix: 'y' });
  for (const argv of [['-o', 'yaml'], ['--nope'], ['arg'], ['-o', 'json', '-o', 'json'], ['--prefix', '--watch']]) t.throws(() => parseFlags(argv, flags, {}), { instanceOf: StepAside }, argv.join(' '));
  t.throws(() => parseFlags([], { x: { type: 'option', unsupported: 'parse' } }, {}), { instanceOf: StepAside });
});

// The fast entry and oclif, end to end, where no NATS data is needed: the same output and exit code.
const bothWays = (args: readonly string[]): { fast: ReturnType<typeof run>; oclif: ReturnType<typeof run> } => ({ fast: run(args), oclif: run(args, { BERTH_FAST_CLI: '0' }) });
for (const args of [
  ['vms', '--nats', 'nats://127.0.0.1:1', '--prefix', 'h28-none'],
  ['ps', '--nats', 'nats://127.0.0.1:1', '--json'],
  ['hosts', '--nats', 'nats://127.0.0.1:1', '-o', 'json'],
  ['vms', '--nats', 'nats://bob:secret9@127.0.0.1:1'],
  ['ps', '-c', 'nosuchcolumn', '--nats', 'nats://127.0.0.1:1'],
  ['vms', '-o', 'bogus'],
  ['ps', '--help'],
]) {
  test(`berth ${args.join(' ')}: the fast entry answers as oclif does`, (t) => {
    const { fast, oclif } = bothWays(args);
    t.is(fast.code, oclif.code);
    t.is(fast.stdout, oclif.stdout);
    t.is(fast.stderr, oclif.stderr);
    t.false(`${fast.stdout}${fast.stderr}`.includes('secret9'));
  });
}

test('bin/run.js sends to the fast entry exactly the commands it runs (its own copy of FAST_COMMANDS, kept to avoid loading the entry for the others)', async (t) => {
  const { readFileSync } = await import('node:fs');
  const { FAST_COMMANDS } = await import('../../cli/fast/main.js');
  const line = /const FAST_COMMANDS = new Set\(\[([^\]]*)\]\)/.exec(readFileSync(join(ROOT, 'bin', 'run.js'), 'utf8'));
  t.truthy(line, 'bin/run.js declares FAST_COMMANDS');
  const inBin = [...(line?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
  t.deepEqual(inBin, Object.keys(FAST_COMMANDS).sort());
});
