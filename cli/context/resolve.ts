import { ConfigError } from '../../events/errors.js';
import type { NatsAuth } from '../../daemon/query/client.js';
import type { BerthContext, ContextsData } from './context.js';

/** The connection flags every command has; oclif has already filled in their `BERTH_*` variables. */
export type ConnectionFlagValues = Readonly<{
  context?: string | undefined;
  nats?: string | undefined;
  prefix?: string | undefined;
  'nats-user'?: string | undefined;
  'nats-password'?: string | undefined;
  'nats-token'?: string | undefined;
  'nats-nkey'?: string | undefined;
  'nats-creds'?: string | undefined;
  'nats-ca'?: string | undefined;
  'nats-cert'?: string | undefined;
  'nats-key'?: string | undefined;
}>;

/** Where a command connects, after flag > env > context > default. */
export type Connection = Readonly<{
  /** NATS servers (comma-separated); undefined = the default (the daemon may start a local server). */
  url: string | undefined;
  prefix: string;
  auth: NatsAuth | undefined;
  /** Docker engines from the context (the daemon's --engine/BERTH_ENGINES win over them). */
  engines: readonly string[] | undefined;
  cloud: string | undefined;
  /** The context used, if any. */
  context: string | undefined;
  /** True when no flag or variable chose the context, server or prefix: the current context (or the defaults) applies. */
  implicit: boolean;
}>;

export const DEFAULT_PREFIX = 'berth';

const defined = <T extends object>(o: T): T | undefined => (Object.values(o).some((v) => v !== undefined) ? o : undefined);

const secretFromEnv = (ctx: string, what: string, name: string | undefined, env: NodeJS.ProcessEnv): string | undefined => {
  if (name === undefined) return undefined;
  const v = env[name];
  if (v === undefined || v === '') {
    throw new ConfigError(`Context '${ctx}' takes the NATS ${what} from the environment variable ${name}, which is not set.`, { hint: `Export ${name}, or pick another context with --context.` });
  }
  return v;
};

const contextAuth = (name: string, c: BerthContext, env: NodeJS.ProcessEnv): NatsAuth | undefined => defined({
  user: c.user,
  pass: c.password ?? secretFromEnv(name, 'password', c.passwordEnv, env),
  token: c.token ?? secretFromEnv(name, 'token', c.tokenEnv, env),
  nkeyFile: c.nkeyFile,
  credsFile: c.credsFile,
});

const pickContext = (flags: ConnectionFlagValues, data: ContextsData): [string, BerthContext] | undefined => {
  const name = flags.context ?? data.current ?? undefined;
  if (name === undefined) return undefined;
  const ctx = data.contexts[name];
  if (ctx === undefined) {
    const known = Object.keys(data.contexts);
    throw new ConfigError(`Context '${name}' does not exist.`, { hint: known.length > 0 ? `Known contexts: ${known.join(', ')} ('berth context list').` : "Add one with 'berth context add NAME --nats URL'." });
  }
  return [name, ctx];
};

/**
 * Resolves a command's connection: a flag wins over its `BERTH_*` variable (oclif), which wins
 * over the context (`--context`/`BERTH_CONTEXT`, else the current one), which wins over the
 * defaults. Credentials and TLS are each taken as a whole: any credential flag replaces the
 * context's credentials, any TLS flag its TLS settings.
 */
export const resolveConnection = (flags: ConnectionFlagValues, data: ContextsData, env: NodeJS.ProcessEnv = process.env): Connection => {
  const picked = pickContext(flags, data);
  const [name, ctx] = picked ?? [undefined, {} as BerthContext];
  const flagAuth = defined({ user: flags['nats-user'], pass: flags['nats-password'], token: flags['nats-token'], nkeyFile: flags['nats-nkey'], credsFile: flags['nats-creds'] });
  const flagTls = defined({ caFile: flags['nats-ca'], certFile: flags['nats-cert'], keyFile: flags['nats-key'] });
  const auth = flagAuth ?? (name === undefined ? undefined : contextAuth(name, ctx, env));
  const tls = flagTls ?? defined({ caFile: ctx.tlsCa, certFile: ctx.tlsCert, keyFile: ctx.tlsKey });
  return {
    url: flags.nats ?? (ctx.nats !== undefined && ctx.nats.length > 0 ? ctx.nats.join(',') : undefined),
    prefix: flags.prefix ?? ctx.prefix ?? DEFAULT_PREFIX,
    auth: auth === undefined && tls === undefined ? undefined : { ...auth, ...(tls === undefined ? {} : { tls }) },
    engines: ctx.engines,
    cloud: ctx.cloud,
    context: name,
    implicit: flags.context === undefined && flags.nats === undefined && flags.prefix === undefined,
  };
};
