import type { ActionEvent } from '../../events/action.js';
import type { Recorded } from '../../events/envelope.js';
import { berth, berthJson, NATS_URL } from './daemon-harness.js';

/** Every action event of a prefix (`berth events --source berth`), in stream order. */
export const actionEvents = (prefix: string): Promise<Recorded<ActionEvent>[]> => berthJson<Recorded<ActionEvent>[]>(prefix, ['events', '--source', 'berth']);

/** The events of one request, by the request id the CLI printed or returned. */
export const ofRequest = (events: readonly Recorded<ActionEvent>[], requestId: string): Recorded<ActionEvent>[] =>
  events.filter((e) => e.data.requestId === requestId);

/** The request id in a success line ("Recorded as request <id>.") or a --json answer. */
export const requestIdOf = (stdout: string): string => {
  const m = /Recorded as request ([\w-]+)\./.exec(stdout) ?? /"requestId": "([\w-]+)"/.exec(stdout);
  if (m === null) throw new Error(`no request id in: ${stdout}`);
  return m[1] as string;
};

/** `berth <args>` on a prefix; `--yes` unless the test says otherwise. */
export const act = (prefix: string, args: readonly string[], opts: Readonly<{ yes?: boolean; env?: Record<string, string> }> = {}): ReturnType<typeof berth> =>
  berth([...args, '--prefix', prefix, '--nats', NATS_URL, ...(opts.yes === false ? [] : ['--yes'])], opts.env ?? {});
