// DEBUG=* makes oclif (through the `debug` package) print the process's argv and the parsed flags,
// secrets included. When DEBUG is set, bin/run.js installs this before oclif loads: every debug
// line is formatted as usual, then the secrets given on the command line or in BERTH_* variables
// and the credentials in URLs are masked.
import { createRequire } from 'node:module';
import { formatWithOptions } from 'node:util';
import { maskSecrets } from '../events/mask-url.js';

/** Flags whose value is a secret (passwords, tokens) or may hold one (URLs with user info). */
const SECRET_FLAGS = new Set(['--nats-password', '--nats-token', '--nats', '--amqp']);
const SECRET_ENV = ['BERTH_NATS_PASSWORD', 'BERTH_NATS_TOKEN', 'BERTH_AMQP_URL', 'BERTH_NATS_URL', 'OS_PASSWORD', 'OS_TOKEN'];

/** The secret values in `argv` (`--flag value` and `--flag=value`) and in the environment. */
export const secretValues = (argv: readonly string[], env: NodeJS.ProcessEnv): string[] => {
  const out: string[] = [];
  argv.forEach((a, i) => {
    const eq = a.indexOf('=');
    if (eq > 0 && SECRET_FLAGS.has(a.slice(0, eq))) out.push(a.slice(eq + 1));
    else if (SECRET_FLAGS.has(a) && i + 1 < argv.length) out.push(argv[i + 1] as string);
  });
  for (const k of SECRET_ENV) if (env[k] !== undefined && env[k] !== '') out.push(env[k]);
  // A URL is masked by its user info (maskUrl), not as a whole: `nats://127.0.0.1:4222` stays readable.
  return out.filter((v) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(v));
};

type DebugModule = { log: (...args: unknown[]) => void; inspectOpts?: Record<string, unknown> };

/** Routes every `debug` line through the mask; `debug` is the instance oclif itself loads. */
export const installDebugMask = (argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): void => {
  const secrets = secretValues(argv.slice(2), env);
  const require = createRequire(createRequire(import.meta.url).resolve('@oclif/core'));
  const debug = require('debug') as DebugModule;
  debug.log = (...args: unknown[]): void => {
    process.stderr.write(`${maskSecrets(formatWithOptions({ ...debug.inspectOpts }, ...args), secrets)}\n`);
  };
};
