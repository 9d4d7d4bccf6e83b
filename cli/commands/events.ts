import { Flags } from '@oclif/core';
import { SUBJECT_KINDS } from '../../events/envelope.js';
import type { Recorded } from '../../events/envelope.js';
import { summarizeEvent } from '../../events/describe.js';
import { EVENT_VERSIONS } from '../../events/ops-event.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { BaseCommand } from '../base-command.js';
import { connectionFlags } from '../flags.js';
import { parseAt, requireOrdered } from '../list-runner.js';
import type { Column } from '../output/columns.js';
import { selectColumns } from '../output/columns.js';
import type { OutputFormat } from '../output/format.js';
import { render, toJsonRow } from '../output/format.js';
import { UsageError } from '../output/errors.js';
import { safeJson } from '../output/sanitize.js';
import { HOST_WIDTH } from '../lists/format-cells.js';

type Ev = Recorded<OpsEvent>;

export const eventColumns: Column<Ev>[] = [
  { id: 'seq', header: 'Seq', get: (e) => e.seq },
  { id: 'at', header: 'At', get: (e) => e.at },
  { id: 'type', header: 'Type', get: (e) => e.type },
  { id: 'kind', header: 'Kind', get: (e) => e.subject.kind },
  { id: 'entity', header: 'Entity', get: (e) => e.subject.id, width: 40 },
  { id: 'host', header: 'Host', get: (e) => e.source.host, width: HOST_WIDTH },
  { id: 'source', header: 'Source', get: (e) => e.source.kind },
  { id: 'summary', header: 'Summary', get: (e) => summarizeEvent(e), width: 100 },
  { id: 'id', header: 'Event ID', get: (e) => e.id },
  { id: 'observed_at', header: 'Observed', get: (e) => e.observedAt },
];
const DEFAULTS = ['seq', 'at', 'type', 'kind', 'entity', 'host', 'summary'];

/** A filter value no event can have is a usage error (it listed nothing, exit 0): the same name in another case is suggested. */
const checkKnown = (flag: string, given: readonly string[], known: readonly string[]): void => {
  for (const g of given) {
    if (known.includes(g)) continue;
    const lower = g.toLowerCase();
    const near = known.find((k) => k.toLowerCase() === lower) ?? known.find((k) => lower !== '' && k.toLowerCase().includes(lower)) ?? known.find((k) => lower.startsWith(k.toLowerCase()));
    throw new UsageError(`${flag} '${g}' is not ${flag === '--kind' ? 'a kind of entity' : 'an event type'} berth records.`, {
      hint: near === undefined ? `Known: ${known.slice(0, 60).join(', ')}.` : `Did you mean '${near}'?`,
    });
  }
};

const when = (flag: string, text: string | undefined): string | undefined => (text === undefined ? undefined : parseAt(text, false, flag));

export default class Events extends BaseCommand {
  static override description = 'The event log: what happened, where and when, with filters; --follow to keep watching.';
  static override enableJsonFlag = true;
  static override examples = [
    '<%= config.bin %> events --since 1h',
    '<%= config.bin %> events --kind vm --id 178b0921-8f85-4257-88b6-2e743b5a975c',
    '<%= config.bin %> events --type ContainerDied --host web1 --since 2026-11-23T03:00 --until 2026-11-23T04:00',
    '<%= config.bin %> events --request-id req-8a1c... -o json',
    '<%= config.bin %> events --follow -o json',
  ];
  static override flags = {
    ...connectionFlags,
    kind: Flags.string({ description: 'only events about this kind of entity (container, vm, host, port, cluster, stack, network, ...)', helpGroup: 'FILTER' }),
    id: Flags.string({ description: 'only events about this entity (needs --kind): its full id', dependsOn: ['kind'], helpGroup: 'FILTER' }),
    type: Flags.string({ description: 'only this event type (repeatable): ContainerDied, VmStateChanged, ...', multiple: true, helpGroup: 'FILTER' }),
    host: Flags.string({ description: 'only events from this host', helpGroup: 'FILTER' }),
    source: Flags.string({ description: 'only events from this source', options: ['docker', 'openstack', 'berth'], helpGroup: 'FILTER' }),
    'request-id': Flags.string({ description: 'only events whose original message carries this request id (correlates Nova, Neutron, ... for one API call)', helpGroup: 'FILTER' }),
    since: Flags.string({ description: 'only events that happened at or after this time (ISO, Unix seconds, or 10m/2h/3d ago)', helpGroup: 'TIME' }),
    until: Flags.string({ description: 'only events that happened at or before this time', helpGroup: 'TIME' }),
    follow: Flags.boolean({ char: 'f', description: 'after the log, print new events as they are appended, until interrupted' }),
    limit: Flags.integer({ description: 'only the last N matching events (before --follow)', min: 1 }),
    output: Flags.string({ char: 'o', description: 'output format (json prints JSON Lines, one event a line)', options: ['table', 'json', 'yaml', 'csv', 'value'], default: 'table', env: 'BERTH_OUTPUT', helpGroup: 'OUTPUT' }),
    column: Flags.string({ char: 'c', description: 'column to show (repeatable)', multiple: true, helpGroup: 'OUTPUT' }),
  };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(Events);
    const since = when('--since', flags.since);
    const until = when('--until', flags.until);
    requireOrdered('--since', since, '--until', until);
    checkKnown('--kind', flags.kind === undefined ? [] : [flags.kind], SUBJECT_KINDS);
    checkKnown('--type', flags.type ?? [], Object.keys(EVENT_VERSIONS));
    const types = flags.type === undefined ? undefined : new Set(flags.type);
    // Seals (tamper evidence, one every few seconds while busy) only show when asked for: --type ChainSealed or --kind chain.
    const seals = types?.has('ChainSealed') === true || flags.kind === 'chain';
    const keep = (e: Ev): boolean => (since === undefined || e.at >= since) && (until === undefined || e.at <= until)
      && (types === undefined || types.has(e.type)) && (flags.host === undefined || e.source.host === flags.host)
      && (flags.source === undefined || e.source.kind === flags.source)
      && (flags['request-id'] === undefined || (e.raw ?? '').includes(flags['request-id']) || e.rawRef?.requestId === flags['request-id'])
      && (seals || e.type !== 'ChainSealed');
    const columns = selectColumns(eventColumns, flags.column, DEFAULTS);
    const format = flags.output as OutputFormat;
    const explicit = flags.column !== undefined && flags.column.length > 0;
    const client = await this.modelClient(flags);
    const scope = { ...(flags.kind === undefined ? {} : { kind: flags.kind }), ...(flags.id === undefined ? {} : { id: flags.id }) };
    let rows: Ev[] = [];
    let live = false;
    const line = (e: Ev): void => {
      process.stdout.write(format === 'json' ? safeJson(toJsonRow(e, explicit ? columns : undefined)) + '\n' : render([e], columns, format, { noHeaders: true, selected: explicit }));
    };
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    const { skipped } = await client.events(scope, (e) => {
      if (!keep(e)) return;
      if (live) line(e);
      else rows.push(e);
    }, {
      follow: flags.follow, signal: stop.signal,
      onCaughtUp: () => {
        if (flags.limit !== undefined) rows = rows.slice(-flags.limit);
        if (!this.jsonEnabled()) this.printBatch(rows, columns, format, explicit);
        live = true;
      },
    });
    if (skipped > 0) process.stderr.write(`${skipped} stored record(s) could not be read by this berth and were skipped.\n`);
    return this.jsonEnabled() ? rows.map((e) => toJsonRow(e, explicit ? columns : undefined)) : undefined;
  }

  private printBatch(rows: readonly Ev[], columns: readonly Column<Ev>[], format: OutputFormat, explicit: boolean): void {
    if (format === 'json') for (const e of rows) process.stdout.write(safeJson(toJsonRow(e, explicit ? columns : undefined)) + '\n');
    else process.stdout.write(render(rows, columns, format, { selected: explicit }));
  }
}
