import { z } from 'zod';
import { isWriterId } from '../events/chain.js';
import { BerthError } from '../events/errors.js';
import { isAmqpUrl } from './config.js';
import { parseListen } from './listen.js';
import { LOG_LEVELS } from './log.js';
import { parseEndpoint } from './sources/docker/endpoint.js';
import { parseServers } from './store/nats-options.js';
import { ROLES } from './roles.js';

const UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const UNITS_BYTES: Readonly<Record<string, number>> = { '': 1, b: 1, k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, t: 1e12, tb: 1e12, ki: 1024, kib: 1024, mi: 1024 ** 2, mib: 1024 ** 2, gi: 1024 ** 3, gib: 1024 ** 3, ti: 1024 ** 4, tib: 1024 ** 4 };

/** A duration: a number of seconds, or `500ms`, `30s`, `5m`, `2h`, `7d`. Milliseconds out. */
const duration = z.unknown().transform((v, ctx): number => {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v * 1000;
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(v) : null;
  if (m?.[1] !== undefined && m[2] !== undefined) return Number(m[1]) * (UNITS_MS[m[2]] ?? 1);
  ctx.addIssue({ code: 'custom', message: 'expected a duration: seconds, or a number with ms, s, m, h or d (30s, 5m, 2h, 7d)' });
  return z.NEVER;
});

/** A size: bytes, or `500MB`, `10GiB`, `1T`; -1 for no limit. */
const size = z.unknown().transform((v, ctx): number => {
  if (typeof v === 'number' && Number.isInteger(v) && v >= -1) return v;
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v) : null;
  const unit = UNITS_BYTES[(m?.[2] ?? 'x').toLowerCase()];
  if (m?.[1] !== undefined && unit !== undefined) return Math.round(Number(m[1]) * unit);
  ctx.addIssue({ code: 'custom', message: 'expected a size: bytes, or a number with KB, MB, GB, TB (or KiB, MiB, GiB, TiB); -1 for no limit' });
  return z.NEVER;
});

const text = z.string().trim().min(1, 'must not be empty');

/** Runs one of berth's own parsers as a check, so the file is held to exactly what the daemon accepts. */
const checkedBy = (check: (v: string) => unknown) => (v: string, ctx: z.RefinementCtx): void => {
  try {
    check(v);
  } catch (err) {
    if (!(err instanceof BerthError)) throw err;
    ctx.addIssue({ code: 'custom', message: err.message.replace(/\.$/, '') });
  }
};

const engineObject = z.strictObject({
  name: z.string().regex(/^[^=:/?\s]+$/, "a name cannot hold '=', ':', '/', '?' or spaces").optional(),
  url: text,
  tls: z.union([z.boolean(), z.strictObject({ certs: text.optional(), verify: z.boolean().optional() })]).optional(),
});

/** `[name=]url` from the object form (`{name, url, tls: {certs, verify}}`), as `--engine` takes it. */
const engineSpec = (e: z.infer<typeof engineObject>): string => {
  const q: string[] = [];
  if (e.tls === false) q.push('tls=0');
  else if (e.tls !== undefined) {
    q.push('tls=1');
    if (e.tls !== true && e.tls.certs !== undefined) q.push(`certs=${e.tls.certs}`);
    if (e.tls !== true && e.tls.verify === false) q.push('verify=0');
  }
  return `${e.name === undefined ? '' : `${e.name}=`}${e.url}${q.length > 0 ? `${e.url.includes('?') ? '&' : '?'}${q.join('&')}` : ''}`;
};

// Only a well-formed entry is tried (a mistyped key would otherwise read as "TLS with the default certificates").
const engine = z.union([text, engineObject.transform(engineSpec)]).superRefine(checkedBy((s) => parseEndpoint(s)), { when: (p) => p.issues.length === 0 });

const amqpUrl = text.refine(isAmqpUrl, 'expected an AMQP URL: amqp://user:password@host:5672/vhost (or amqps://)');

const natsUrl = z.union([text, z.array(text).min(1)]).transform((v) => (Array.isArray(v) ? v.join(',') : v)).superRefine(checkedBy(parseServers));

/**
 * The daemon's configuration file (YAML). Keys are snake_case, as in clouds.yaml and nats-server's
 * config; every key is optional, and an unknown key is an error (a typo must not be silently ignored).
 */
export const configFileSchema = z.strictObject({
  prefix: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/i, 'a prefix is a letter then up to 31 letters, digits, _ or -').optional(),
  writer: text.refine(isWriterId, { message: 'a writer id is up to 128 letters, digits and . _ : @ / + -, starting with a letter or digit', when: (p) => p.issues.length === 0 }).optional(),
  roles: z.array(z.enum([...ROLES, 'all'])).min(1).optional(),
  state_dir: text.optional(),
  read_only: z.boolean().optional(),
  nats: z.strictObject({
    url: natsUrl.optional(),
    user: text.optional(),
    password: text.optional(),
    token: text.optional(),
    nkey: text.optional(),
    creds: text.optional(),
    tls: z.strictObject({ ca: text.optional(), cert: text.optional(), key: text.optional() }).optional(),
  }).optional(),
  sources: z.strictObject({
    docker: z.strictObject({
      enabled: z.boolean().optional(),
      engines: z.array(engine).optional(),
      keep_health_execs: z.boolean().optional(),
    }).optional(),
    amqp: z.strictObject({
      url: amqpUrl,
      queue: text.refine((q) => q !== 'notifications.info', "never the shared 'notifications.info' queue: it steals messages from ceilometer").optional(),
      exchanges: z.array(text).min(1).optional(),
      prefetch: z.number().int().min(1).max(65535).optional(),
    }).optional(),
    openstack: z.strictObject({
      /** A clouds.yaml entry (else the OS_* variables). */
      cloud: text.optional(),
      /** Snapshot the APIs at start and reconcile them every intervals.openstack_reconcile. */
      api: z.boolean().optional(),
      cacert: text.optional(),
      insecure: z.boolean().optional(),
    }).optional(),
  }).optional(),
  intervals: z.strictObject({
    docker_resync: duration.optional(),
    swarm_poll: duration.optional(),
    docker_ping: duration.optional(),
    openstack_reconcile: duration.optional(),
    /** How long a stop may wait for JetStream before the daemon exits anyway (--stop-timeout). */
    stop_timeout: duration.optional(),
  }).optional(),
  retention: z.strictObject({
    max_age: duration.optional(),
    max_bytes: size.optional(),
    duplicate_window: duration.optional(),
    replicas: z.number().int().min(1).max(5).optional(),
  }).optional(),
  snapshots: z.strictObject({
    every: z.number().int().min(0).optional(),
    keep: z.number().int().min(1).optional(),
  }).optional(),
  log: z.strictObject({
    level: z.enum(LOG_LEVELS).optional(),
    format: z.enum(['text', 'json']).optional(),
    quiet: z.boolean().optional(),
  }).optional(),
  http: z.strictObject({ listen: text.superRefine(checkedBy(parseListen)) }).optional(),
});

/** A valid configuration file, with durations in milliseconds and sizes in bytes. */
export type ConfigFile = z.output<typeof configFileSchema>;
