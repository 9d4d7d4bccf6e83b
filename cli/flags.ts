import { Flags } from '@oclif/core';

/** Flags every command that talks to NATS shares. Each has an env var (Shopify's command-flags-with-env). */
export const connectionFlags = {
  nats: Flags.string({ description: 'NATS server URL (comma-separated for a cluster); default nats://127.0.0.1:4222', env: 'BERTH_NATS_URL', helpGroup: 'CONNECTION' }),
  prefix: Flags.string({ description: 'name prefix of the stream, bucket and subjects (one berth installation per prefix)', env: 'BERTH_PREFIX', default: 'berth', helpGroup: 'CONNECTION' }),
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
