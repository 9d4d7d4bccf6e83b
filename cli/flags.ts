import { Flags } from '@oclif/core';

/**
 * Flags every command that talks to NATS shares. Each has an env var (Shopify's command-flags-with-env);
 * with neither, the context decides (`--context`, else the current one: `berth context use`), then the defaults.
 */
export const connectionFlags = {
  context: Flags.string({ description: "context to use for this command instead of the current one ('berth context list')", env: 'BERTH_CONTEXT', helpGroup: 'CONNECTION' }),
  nats: Flags.string({ description: 'NATS server URL (comma-separated for a cluster; nats://user:password@host or tls://host); default nats://127.0.0.1:4222', env: 'BERTH_NATS_URL', helpGroup: 'CONNECTION' }),
  prefix: Flags.string({ description: 'name prefix of the stream, bucket and subjects (one berth installation per prefix); default berth', env: 'BERTH_PREFIX', helpGroup: 'CONNECTION' }),
  'nats-user': Flags.string({ description: 'NATS user (with --nats-password)', env: 'BERTH_NATS_USER', helpGroup: 'NATS SECURITY' }),
  'nats-password': Flags.string({ description: 'NATS password (prefer the variable: flags show in the process list)', env: 'BERTH_NATS_PASSWORD', helpGroup: 'NATS SECURITY' }),
  'nats-token': Flags.string({ description: 'NATS authentication token (prefer the variable)', env: 'BERTH_NATS_TOKEN', helpGroup: 'NATS SECURITY' }),
  'nats-nkey': Flags.string({ description: 'file holding an nkey user seed (SU...)', env: 'BERTH_NATS_NKEY', helpGroup: 'NATS SECURITY' }),
  'nats-creds': Flags.string({ description: 'NATS .creds file (user JWT and seed)', env: 'BERTH_NATS_CREDS', helpGroup: 'NATS SECURITY' }),
  'nats-ca': Flags.string({ description: "CA certificate (PEM) that signed the NATS server's certificate; turns TLS on", env: 'BERTH_NATS_CA', helpGroup: 'NATS SECURITY' }),
  'nats-cert': Flags.string({ description: 'client certificate (PEM) for NATS TLS, with --nats-key', env: 'BERTH_NATS_CERT', helpGroup: 'NATS SECURITY' }),
  'nats-key': Flags.string({ description: 'client key (PEM) for NATS TLS', env: 'BERTH_NATS_KEY', helpGroup: 'NATS SECURITY' }),
};

/** Output flags of every read command, after `openstack -f`, `docker --format` and kubectl `-o`. */
export const outputFlags = {
  output: Flags.string({ char: 'o', description: 'output format', options: ['table', 'json', 'yaml', 'csv', 'value'], default: 'table', env: 'BERTH_OUTPUT', helpGroup: 'OUTPUT' }),
  column: Flags.string({ char: 'c', description: 'column to show (repeatable, or comma-separated)', multiple: true, helpGroup: 'OUTPUT' }),
  'no-headers': Flags.boolean({ description: 'omit the header row (table, csv)', helpGroup: 'OUTPUT' }),
};

/** Filters shared by list commands. */
export const filterFlags = {
  host: Flags.string({ description: 'only entities on this host', helpGroup: 'FILTER' }),
  state: Flags.string({ description: 'only entities in this state (running, exited, ...)', helpGroup: 'FILTER' }),
  label: Flags.string({ description: 'only entities with this label (key=value or key; repeatable)', multiple: true, helpGroup: 'FILTER' }),
  name: Flags.string({ description: 'only entities whose name matches this regular expression', helpGroup: 'FILTER' }),
};

export const watchFlag = {
  watch: Flags.boolean({ char: 'w', description: 'after the list, print changes as they happen (JSON Lines with -o json) until interrupted', helpGroup: 'OUTPUT' }),
};

/** Time travel on every read command. */
export const atFlag = {
  at: Flags.string({ description: 'show the model as it was at this time: ISO (naive = UTC), Unix seconds, or a duration ago (10m, 2h, 3d)', helpGroup: 'TIME' }),
};
