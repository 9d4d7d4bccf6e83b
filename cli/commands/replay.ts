import { Flags } from '@oclif/core';
import { BerthError } from '../../events/errors.js';
import type { EntityKind } from '../../events/inventory.js';
import { MAPS } from '../../daemon/query/client.js';
import { BaseCommand } from '../base-command.js';
import { connectionFlags } from '../flags.js';
import { diffViews } from './diff.js';
import { parseAt } from '../list-runner.js';
import { count, progressEvery } from '../output/progress.js';

const KINDS: readonly EntityKind[] = ['host', 'vm', 'container', 'cluster', 'stack', 'network', 'port', 'neutron'];

export default class Replay extends BaseCommand {
  static override description = `Re-fold the event log into a fresh model and compare it with the live model the daemon keeps.

Reports every entity that differs; exits 5 when they differ, 0 when they match. With --to, folds only the events up to that time (and compares nothing: it prints the counts).`;
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> replay', '<%= config.bin %> replay --json'];
  static override flags = {
    ...connectionFlags,
    to: Flags.string({ description: 'fold only the events up to this time and print what the model held then', helpGroup: 'TIME' }),
  };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(Replay);
    const client = await this.modelClient(flags);
    const started = Date.now();
    // A fresh fold of the log itself, never a snapshot: this is what checks the snapshots and the live model.
    // How far it is, every 2 s on stderr, for a long log (the whole log is read, also with --to).
    const progress = progressEvery((seq, last, s) => `replaying: ${count(seq)} of ${count(last)} messages read (${s} s)`);
    const folded = await client.loadAt(flags.to === undefined ? '9999-12-31T23:59:59.999999999Z' : parseAt(flags.to), { snapshots: false, progress });
    const counts = Object.fromEntries(KINDS.map((k) => [k, (folded[MAPS[k]] as Map<string, unknown>).size]));
    const summary = { events: folded.meta?.events ?? 0, lastSeq: folded.meta?.seq ?? 0, unrecognized: folded.meta?.unrecognized ?? 0, entities: counts, ms: Date.now() - started };
    if (flags.to !== undefined) {
      if (this.jsonEnabled()) return summary;
      this.log(`folded ${summary.events} events (to seq ${summary.lastSeq}) in ${summary.ms} ms: ${KINDS.map((k) => `${counts[k]} ${k}s`).join(', ')}`);
      return undefined;
    }
    const live = await client.load(KINDS);
    const differences = diffViews(folded, live, KINDS);
    if (this.jsonEnabled()) {
      this.logJson({ ...summary, liveSeq: live.meta?.seq ?? 0, differences });
      // Not this.exit(5): oclif would print a second JSON document (its error) after ours.
      if (differences.length > 0) process.exitCode = 5;
      return undefined;
    } else {
      this.log(`folded ${summary.events} events (to seq ${summary.lastSeq}) in ${summary.ms} ms; live model at seq ${live.meta?.seq ?? 0}`);
      for (const d of differences) this.log(`${d.change === 'appeared' ? 'only in the live model' : d.change === 'vanished' ? 'missing from the live model' : 'differs'}: ${d.kind} ${d.id}${d.fields.length > 0 ? ` (${d.fields.map((f) => f.path).join(', ')})` : ''}`);
      if (differences.length === 0) this.log('the live model equals a fresh fold of the log');
    }
    if (differences.length > 0) {
      throw new BerthError('E_INVALID_EVENT', `The live model differs from a fresh fold of the log in ${differences.length} entit${differences.length === 1 ? 'y' : 'ies'}.`, {
        hint: 'If the daemon is running, events appended meanwhile explain a few; otherwise restart the daemon: it rebuilds the model from the log.',
      });
    }
    return undefined;
  }
}
