// One berth daemon per OpenStack lab test: its own NATS prefix and AMQP queue, started while the
// lab's services are checked ready, and a teardown that removes everything the test made.
import { AMQP_URL, deleteQueue } from './amqp.js';
import { dropPrefix, startDaemon, uniquePrefix } from './daemon-harness.js';
import type { DaemonProc } from './daemon-harness.js';
import { berthHangs, berthRuns, closeModelWatch } from './os-berth.js';
import { Cleanup, requireLab, waitLabReady } from './os-lab.js';
import type { LabNeeds } from './os-lab.js';

const CONSUMING = /openstack: consuming queue/;
/** How long a test may wait for the lab's services (after a RabbitMQ restart: reconnects, heartbeats). */
export const READY_MS = 240_000;

/** A log that prefixes each line with the seconds since it was made. */
export const stamped = (sink: (s: string) => void): ((s: string) => void) => {
  const t0 = Date.now();
  return (s) => { sink(`+${((Date.now() - t0) / 1000).toFixed(1)}s ${s}`); };
};

export class LabDaemon {
  readonly prefix = uniquePrefix();
  readonly queue = `berth.test.${this.prefix}`;
  /** What the test created in the lab, removed by `teardown` before the daemon stops. */
  readonly cleanup = new Cleanup();
  readonly log: (s: string) => void;
  private daemon: DaemonProc | undefined;
  private torn = false;

  constructor(log: (s: string) => void) { this.log = log; }

  /**
   * Starts the daemon on this prefix and queue while the lab is checked ready for `needs`;
   * `meanwhile` runs once the lab is ready, possibly before the daemon consumes: only what sends
   * no notification.
   */
  async start(needs: LabNeeds, meanwhile: () => Promise<unknown> = async () => undefined): Promise<void> {
    // Settled both ways, so that teardown can stop a daemon that started beside a failure.
    const [started, ready] = await Promise.allSettled([
      startDaemon(this.prefix, ['--no-docker', '--amqp', AMQP_URL, '--amqp-queue', this.queue], CONSUMING),
      requireLab().then(async () => waitLabReady(needs, READY_MS, this.log)).then(meanwhile),
    ]);
    if (started.status === 'fulfilled') this.daemon = started.value;
    for (const r of [ready, started]) if (r.status === 'rejected') throw r.reason;
    this.log('daemon consuming, lab ready');
  }

  /** Removes what the test made, stops the daemon, deletes its queue and prefix (once). */
  async teardown(): Promise<void> {
    if (this.torn) return;
    this.torn = true;
    const hangs = berthHangs.filter((h) => h.includes(`--prefix ${this.prefix} `));
    if (hangs.length > 0) this.log(`berth did not answer (killed, retried): ${hangs.join('; ')}`);
    await this.cleanup.run(this.log);
    const problems = (this.daemon?.err() ?? '').split('\n').filter((l) => /warn|error|fail/i.test(l));
    if (problems.length > 0) this.log(`daemon said:\n${problems.slice(-20).join('\n')}`);
    this.log(`berth ran ${berthRuns.get(this.prefix) ?? 0} time(s)`);
    await closeModelWatch(this.prefix);
    await this.daemon?.stop();
    await deleteQueue(this.queue).catch(() => undefined);
    await dropPrefix(this.prefix);
    this.log('torn down');
  }
}
