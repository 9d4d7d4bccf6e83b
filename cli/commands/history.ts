import { Args } from '@oclif/core';
import type { Recorded } from '../../events/envelope.js';
import { summarizeEvent } from '../../events/describe.js';
import { NotFoundError } from '../../events/errors.js';
import type { FieldChange } from '../../events/field-diff.js';
import { fieldDiff } from '../../events/field-diff.js';
import { applyEvent, initialInventory } from '../../events/inventory.js';
import type { EntityKind } from '../../events/inventory.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { toEpochMs } from '../../events/time.js';
import { MAPS } from '../../daemon/query/client.js';
import type { ModelClient } from '../../daemon/query/client.js';
import { BaseCommand } from '../base-command.js';
import { connectionFlags, outputFlags } from '../flags.js';
import type { Column } from '../output/columns.js';
import { selectColumns } from '../output/columns.js';
import type { OutputFormat } from '../output/format.js';
import { render, toJsonRows } from '../output/format.js';
import type { UsageError } from '../output/errors.js';
import { safeJson, safeText } from '../output/sanitize.js';
import { count, progressEvery } from '../output/progress.js';
import { ambiguousRef, checkRef, hostOf } from '../lists/refs.js';

const KINDS = ['container', 'vm', 'host', 'cluster', 'network', 'stack', 'port', 'neutron'] as const;

/** One step of an entity's history: the event and what it changed. */
export type HistoryStep = { seq: number; at: string; type: string; sinceLast: string; changes: FieldChange[]; after: unknown; event: Recorded<OpsEvent> };

const span = (ms: number): string => (ms < 1000 ? `${ms}ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)}s` : ms < 7_200_000 ? `${Math.round(ms / 60_000)}m` : `${(ms / 3_600_000).toFixed(1)}h`);
const show = (v: unknown): string => (v === undefined || v === null ? '∅' : typeof v === 'string' ? v : JSON.stringify(v));

const columns: Column<HistoryStep>[] = [
  { id: 'seq', header: 'Seq', get: (s) => s.seq },
  { id: 'at', header: 'At', get: (s) => s.at },
  { id: 'since_last', header: '+Δ', get: (s) => s.sinceLast },
  { id: 'type', header: 'Type', get: (s) => s.type },
  // An action changes nothing by itself (the engine's events do): its line says who did what, and why.
  { id: 'changes', header: 'Changes (before → after)', get: (s) => (s.type.startsWith('Action') ? summarizeEvent(s.event) : s.changes.map((c) => `${c.path}: ${show(c.before)} → ${show(c.after)}`)), width: 120 },
];

/**
 * The time from the line above, signed: an event stored after another but dated before it (an
 * inspect is dated by the engine event it followed; a late arrival) shows `-218ms`, not `+0ms`.
 */
export const sinceText = (deltaMs: number): string => (deltaMs < 0 ? `-${span(-deltaMs)}` : `+${span(deltaMs)}`);

/** Replays one entity's own events, keeping its state after each: the history is a subject filter, not a scan. */
const stepsOf = async (client: ModelClient, kind: (typeof KINDS)[number], id: string): Promise<HistoryStep[]> => {
  const inv = initialInventory();
  const steps: HistoryStep[] = [];
  let before: unknown;
  let lastMs: number | undefined;
  await client.events({ kind, id }, (e) => {
    applyEvent(inv, e);
    const after = (inv[MAPS[kind as EntityKind]] as Map<string, unknown>).get(id) ?? null;
    const ms = toEpochMs(e.at);
    steps.push({ seq: e.seq, at: e.at, type: e.type, sinceLast: lastMs === undefined ? '' : sinceText(ms - lastMs), changes: fieldDiff(before ?? {}, after ?? {}), after, event: e });
    before = after;
    lastMs = ms;
  });
  return steps;
};

type Candidate = { id: string; names: Set<string>; lastAt: string; host?: string | null };

const nameOf = (v: unknown): string | undefined => {
  const n = (v as { name?: unknown } | undefined)?.name;
  return typeof n === 'string' && n !== '' ? n : undefined;
};

/** A usage error listing the entities `ref` could mean, with a name, host and when each was last seen, so the operator can pick by id. */
const ambiguous = (kind: string, ref: string, found: readonly Candidate[]): UsageError =>
  ambiguousRef(kind, ref, found.map((c) => ({ id: c.id, name: [...c.names].slice(-1)[0], host: c.host, lastAt: c.lastAt })), `Give more of the id (berth history ${kind} <id>).`);

/** Every event of a kind, however long the log: a line on stderr every few seconds says how far the scan is. */
const scanProgress = (kind: string, ref: string): ((seq: number, lastSeq: number) => void) =>
  progressEvery((seq, last, secs) => safeText(`history: looking for ${kind} '${ref}' among every ${kind} the log held: read to ${count(seq)} of ${count(last)} messages (${secs} s)`));

/**
 * The id `ref` names: a unique name or id prefix (3+ characters) in the current model; else among
 * every entity of `kind` the log ever held (a removed container, a deleted VM), by any name it had
 * or an id prefix. Two or more matches are a usage error that lists them; none is not-found.
 */
export const resolveRef = async (client: ModelClient, kind: (typeof KINDS)[number], ref: string, progress: (seq: number, lastSeq: number) => void = scanProgress(kind, ref)): Promise<string> => {
  checkRef(kind, ref);
  const matches = (id: string, names: Iterable<string>): boolean => (ref.length >= 3 && id.startsWith(ref)) || [...names].includes(ref);
  // A name given whole beats an id that merely starts with it (a container named `abc` and another with id abc8...).
  const best = <T>(found: T[], exact: (x: T) => boolean): T[] => (found.some(exact) ? found.filter(exact) : found);
  const view = await client.load([kind]);
  const live = best([...(view[MAPS[kind]] as Map<string, unknown>).entries()].filter(([id, v]) => matches(id, [nameOf(v) ?? ''])), ([id, v]) => id === ref || nameOf(v) === ref);
  if (live.length === 1) return (live[0] as [string, unknown])[0];
  if (live.length > 1) throw ambiguous(kind, ref, live.map(([id, v]) => ({ id, names: new Set([nameOf(v) ?? '']), lastAt: 'now', host: hostOf(v) })));
  // Not in the model now: every entity of this kind the log holds, with every name it had.
  const inv = initialInventory();
  const seen = new Map<string, Candidate>();
  await client.events({ kind }, (e) => {
    applyEvent(inv, e);
    const id = e.subject.id;
    const c = seen.get(id) ?? { id, names: new Set<string>(), lastAt: e.at };
    const now = (inv[MAPS[kind as EntityKind]] as Map<string, unknown>).get(id);
    const name = nameOf(now);
    if (name !== undefined) c.names.add(name);
    c.host = hostOf(now) ?? c.host ?? null;
    c.lastAt = e.at > c.lastAt ? e.at : c.lastAt;
    seen.set(id, c);
  }, { progress });
  const found = best([...seen.values()].filter((c) => matches(c.id, c.names)), (c) => c.id === ref || c.names.has(ref));
  if (found.length === 1) return (found[0] as Candidate).id;
  if (found.length > 1) throw ambiguous(kind, ref, found);
  throw new NotFoundError(`No events about ${kind} '${ref}' are in the log: no ${kind} had that name or an id starting with it.`, {
    hint: `Run 'berth events --kind ${kind}' to see which ${kind}s have a history${ref.length < 3 ? ' (an id prefix needs 3 characters or more)' : ''}.`,
  });
};

export default class History extends BaseCommand {
  static override args = {
    kind: Args.string({ description: 'kind of entity', options: [...KINDS], required: true }),
    id: Args.string({ description: 'its id, a unique id prefix, or its name (also of one removed since: the log is searched)', required: true }),
  };
  static override description = 'Every event of one entity, oldest first, with what each changed (before → after) and the time since the one before.';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> history container web-1', '<%= config.bin %> history vm 178b0921-8f85-4257-88b6-2e743b5a975c -o json'];
  static override flags = { ...connectionFlags, ...outputFlags };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(History);
    const kind = args.kind as (typeof KINDS)[number];
    const client = await this.modelClient(flags);
    let steps = await stepsOf(client, kind, args.id);
    if (steps.length === 0) steps = await stepsOf(client, kind, await resolveRef(client, kind, args.id));
    const cols = selectColumns(columns, flags.column, columns.map((c) => c.id));
    if (this.jsonEnabled() || flags.output === 'json') {
      const rows = steps.map((s) => ({ seq: s.seq, at: s.at, type: s.type, sinceLast: s.sinceLast, changes: s.changes, after: s.after, event: s.event }));
      if (this.jsonEnabled()) return rows;
      for (const r of toJsonRows(rows, undefined)) process.stdout.write(safeJson(r) + '\n');
      return undefined;
    }
    process.stdout.write(render(steps, cols, flags.output as OutputFormat, { noHeaders: flags['no-headers'] }));
    return undefined;
  }
}
