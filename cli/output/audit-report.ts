import type { ChainReport, WriterSummary } from '../../events/chain-verify.js';
import type { StreamFacts } from '../../daemon/main.js';
import type { Column } from './columns.js';
import { render } from './format.js';
import { safeText } from './sanitize.js';

const writerColumns: Column<WriterSummary>[] = [
  { id: 'writer', header: 'Writer', get: (w) => w.writer, width: 60 },
  { id: 'seals', header: 'Seals', get: (w) => w.seals },
  { id: 'first', header: 'First', get: (w) => w.firstSeal },
  { id: 'last', header: 'Last', get: (w) => w.lastSeal },
  { id: 'events', header: 'Events', get: (w) => w.events },
  { id: 'head', header: 'Head hash', get: (w) => w.head },
];

const n = (x: number): string => x.toLocaleString('en-US');
const on = (b: boolean): string => (b ? 'on' : 'OFF');

/** Why unsealed records are not a failure, with a few of the older ones named. */
const unsealedLines = (r: ChainReport): string[] => {
  const out: string[] = [];
  if (r.unsealed.tail > 0) out.push(`Warning: ${n(r.unsealed.tail)} event(s) after the newest seal are not sealed yet (a running daemon seals within about 2 s). Not a failure.`);
  if (r.unsealed.earlier > 0) {
    const some = r.unsealed.sample.map((x) => `${x.id === null ? 'an unreadable record' : `'${x.id}'`} at seq ${x.seq}`).join(', ');
    out.push(`Warning: ${n(r.unsealed.earlier)} event(s) stored before the newest seal were never sealed (a daemon stopped with kill -9 before its next seal, or a writer without a chain), e.g. ${some}. Not a failure: no seal vouches for them either way.`);
  }
  return out;
};

/** The plain-text verdict of `audit verify`: the stream, each writer's chain, warnings, then every problem. */
export const auditText = (facts: StreamFacts, r: ChainReport): string => {
  const lines = [
    `Stream ${facts.stream}: ${n(facts.messages)} message(s), seq ${facts.firstSeq}..${facts.lastSeq}; deny_delete ${on(facts.denyDelete)}, deny_purge ${on(facts.denyPurge)}.`,
  ];
  if (!facts.denyDelete || !facts.denyPurge) lines.push('Warning: this stream lets the NATS API delete or purge messages; berth creates it with deny_delete and deny_purge (an operator changed that).');
  if (facts.firstSeq > 1) lines.push(`Note: retention removed the stream's first ${n(facts.firstSeq - 1)} message(s); ${n(r.expired)} sealed record(s) went with them and cannot be checked.`);
  // Table cells are sanitized by render; every other line here is sanitized below.
  const table = r.writers.length > 0 ? render(r.writers, writerColumns, 'table') : 'No writer has sealed anything yet.\n';
  const after: string[] = [];
  after.push(`Verified ${n(r.verified)} event(s) in ${n(r.seals)} seal(s) from ${n(r.writers.length)} writer(s).`);
  after.push(...unsealedLines(r));
  if (r.unreadable > 0) after.push(`Warning: ${n(r.unreadable)} message(s) carry no record id (neither Nats-Msg-Id nor a readable body).`);
  if (r.problems.length === 0) after.push('No tampering found: every seal links to the one before it, and every sealed event is present, unchanged and in order.');
  else {
    after.push(`TAMPERING FOUND: ${n(r.problems.length)} problem(s):`);
    for (const p of r.problems) after.push(`  ${p.kind.padEnd(14)} ${p.detail}`);
  }
  const text = (ls: readonly string[]): string => ls.map((l) => safeText(l) + '\n').join('');
  return `${text(lines)}\n${table}\n${text(after)}`;
};
