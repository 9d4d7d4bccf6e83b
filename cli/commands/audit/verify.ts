import { AuditReader, DEFAULT_NATS_URL } from '../../../daemon/main.js';
import { BerthError } from '../../../events/errors.js';
import { BaseCommand } from '../../base-command.js';
import { connectionFlags } from '../../flags.js';
import { auditText } from '../../output/audit-report.js';
import { count, progressEvery } from '../../output/progress.js';

export default class AuditVerify extends BaseCommand {
  static override description = `Recompute every writer's hash chain over the whole event log and report any gap, edit or reordering.

Each daemon seals what it stored (record ids and digests) into a chain of ChainSealed records. This reads every message, checks that each seal matches its hash and links to the one before, and that every sealed event is present, unchanged and in the order it was stored. Events not sealed yet (the last seconds of a running daemon, or what a daemon killed with -9 had not sealed) are a warning, not a failure.

Exit codes: 0 no tampering found, 6 tampering found (each problem is named), 3 NATS unreachable, 4 no event log.`;
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> audit verify', '<%= config.bin %> audit verify --prefix berth --json'];
  static override flags = { ...connectionFlags };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(AuditVerify);
    const conn = await this.connection(flags);
    const reader = await AuditReader.open(conn.url ?? DEFAULT_NATS_URL, conn.prefix, { auth: conn.auth });
    let result;
    try {
      result = await reader.verify(this.progress());
    } finally {
      await reader.close();
    }
    const { facts, report } = result;
    if (this.jsonEnabled()) {
      this.logJson({ stream: facts, ...report });
      // Not this.exit(6): in --json mode oclif would print a second, error document after the report.
      if (!report.ok) process.exitCode = 6;
      return undefined;
    }
    process.stdout.write(auditText(facts, report));
    if (!report.ok) {
      throw new BerthError('E_TAMPERED', `The event log fails verification: ${report.problems.length} problem(s), listed above.`, {
        hint: 'Compare the named events with a backup or an archived copy of the stream, and find who had write access to NATS.',
      });
    }
    return undefined;
  }

  /** Prints how far the read is every 2 s on stderr, for long logs; silent for short ones. */
  private progress(): (read: number, total: number) => void {
    return progressEvery((read, total, s) => `verifying: ${count(read)} of ${count(total)} messages read (${s} s)`);
  }
}
