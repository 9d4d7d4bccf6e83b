// Prints the fault suite's summary table from the rows its files appended (scripts/test-faults.sh);
// exits 1 when there are none or when any case lost or doubled an event.
import { readFileSync } from 'node:fs';
import type { FaultRow } from '../support/faults.js';
import { summaryTable } from '../support/faults.js';

const file = process.argv[2] ?? '';
const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as FaultRow);
const total: FaultRow = rows.reduce((a, r) => ({ ...a, runs: a.runs + r.runs, sent: a.sent + r.sent, stored: a.stored + r.stored, lost: a.lost + r.lost, doubled: a.doubled + r.doubled }),
  { case: 'total', runs: 0, sent: 0, stored: 0, lost: 0, doubled: 0 });
process.stdout.write(`\nfault suite summary\n${summaryTable([...rows, total])}\n`);
if (rows.length === 0 || total.lost > 0 || total.doubled > 0) process.exitCode = 1;
