import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { ActionOptions, ActionResponder, ActionTarget, ContainerAction, VmAction } from '../../events/action.js';
import type { EventRecord } from '../../events/envelope.js';
import type { Inventory } from '../../events/inventory.js';
import { fromEpochMs } from '../../events/time.js';
import type { Logger } from '../log.js';
import type { DockerEndpoint } from '../sources/docker/endpoint.js';
import type { AppendResult } from '../store/append.js';
import type { StoreNames } from '../store/names.js';
import { dockerAction } from './docker-action.js';
import { novaAction } from './nova-action.js';
import type { ComputeCall, NovaWait } from './nova-action.js';
import type { EngineOutcome } from './outcome.js';
import { actionOf, actionQueue, parseActionRequest, responderSubjects } from './protocol.js';
import type { ActionReply } from './protocol.js';
import { actionRecord } from './records.js';
import type { RequestFacts } from './records.js';

export type ActionServerDeps = Readonly<{
  nc: NatsConnection;
  names: StoreNames;
  log: Logger;
  /** Refuse (and record the refusal of) every request. */
  readOnly: boolean;
  /** The daemon's appender: every step is recorded like every other event. */
  append: (rec: EventRecord) => Promise<AppendResult>;
  /** The engines this daemon follows: it answers for these and no others. */
  engines: readonly DockerEndpoint[];
  /** The cloud this daemon has credentials for, if any. */
  cloud: Readonly<{ name: string; compute: ComputeCall }> | undefined;
  /** The current model, for the target's name and host as the daemon knows them. */
  inventory: () => Inventory;
  novaWait?: NovaWait;
}>;

export type ActionServer = Readonly<{ responders: readonly ActionResponder[]; stop: () => Promise<void> }>;

const now = (): string => fromEpochMs(Date.now());

/** The daemon's own model names the target when it knows it (the requester's name is only a hint). */
const known = (inv: Inventory, t: ActionTarget): ActionTarget => {
  const e = t.kind === 'container' ? inv.containers.get(t.id) : inv.vms.get(t.id);
  return e === undefined ? t : { ...t, name: e.name, host: e.host ?? t.host };
};

/**
 * Answers action requests for this daemon's engines and cloud: records `ActionRequested` before
 * anything else, refuses when read-only, calls the Docker or Nova API, records the outcome, and
 * only then replies. A bad request is answered (and logged), never thrown.
 */
export const serveActions = (deps: ActionServerDeps): ActionServer => {
  const inFlight = new Set<Promise<void>>();
  const responders: ActionResponder[] = [
    ...deps.engines.map((e) => ({ kind: 'docker' as const, name: e.name })),
    ...(deps.cloud === undefined ? [] : [{ kind: 'openstack' as const, name: deps.cloud.name }]),
  ];
  const perform = (r: ActionResponder, facts: RequestFacts): Promise<EngineOutcome> => {
    const { target, options } = facts.body;
    if (r.kind === 'openstack' && deps.cloud !== undefined) return novaAction(deps.cloud.compute, facts.action as VmAction, target.id, deps.novaWait);
    const ep = deps.engines.find((e) => e.name === r.name) as DockerEndpoint;
    return dockerAction(ep, facts.action as ContainerAction, target.id, options);
  };
  const handle = async (r: ActionResponder, m: Msg): Promise<ActionReply> => {
    const action = actionOf(m.subject, r.kind);
    if (action === undefined) return { outcome: 'invalid', error: `'${m.subject.slice(m.subject.lastIndexOf('.') + 1)}' is not an action on a ${r.kind === 'docker' ? 'container' : 'VM'}` };
    const parsed = parseActionRequest(m.string(), r.kind);
    if (!parsed.ok) return { outcome: 'invalid', error: parsed.error };
    const body = { ...parsed.value, target: known(deps.inventory(), parsed.value.target) };
    const facts: RequestFacts = { action, responder: r, body };
    const opts: ActionOptions = body.options;
    const asked = await deps.append(actionRecord('ActionRequested', facts, { by: body.by, reason: body.reason, options: opts }, now()));
    // The same request id again (a re-sent request): it was handled once, and is not carried out twice.
    if (asked.duplicate) return { outcome: 'duplicate', requestId: body.requestId };
    const what = `${action} ${body.target.kind} ${body.target.id.slice(0, 12)} for ${body.by.user}@${body.by.host}`;
    if (deps.readOnly) {
      const why = `the daemon for ${r.kind === 'docker' ? 'engine' : 'cloud'} '${r.name}' is read-only (berth daemon --read-only)`;
      await deps.append(actionRecord('ActionRefused', facts, { why }, now()));
      deps.log.warn(`refused ${what}: read-only`);
      return { outcome: 'refused', requestId: body.requestId, why };
    }
    const started = Date.now();
    const out = await perform(r, facts);
    const tookMs = Date.now() - started;
    if (out.ok) {
      await deps.append(actionRecord('ActionSucceeded', facts, { detail: out.detail, tookMs }, now()));
      deps.log.info(`${what}: succeeded${out.detail === null ? '' : ` (${out.detail})`}`);
      return { outcome: 'succeeded', requestId: body.requestId, detail: out.detail, tookMs };
    }
    await deps.append(actionRecord('ActionFailed', facts, { error: out.error, status: out.status, tookMs }, now()));
    deps.log.warn(`${what}: failed: ${out.error}`);
    return { outcome: 'failed', requestId: body.requestId, error: out.error, status: out.status, tookMs };
  };
  const onMessage = (r: ActionResponder, m: Msg): void => {
    const p = handle(r, m)
      .catch((err: unknown): ActionReply => {
        deps.log.error(`action request on ${m.subject} could not be handled: ${(err as Error).message}`);
        return { outcome: 'invalid', error: `the daemon could not handle the request: ${(err as Error).message}` };
      })
      .then((reply) => {
        m.respond(JSON.stringify(reply));
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const subs: Subscription[] = responders.map((r) => deps.nc.subscribe(responderSubjects(deps.names, r), {
    queue: actionQueue(deps.names),
    callback: (err, m) => {
      if (err === null) onMessage(r, m);
    },
  }));
  return {
    responders,
    stop: async () => {
      for (const s of subs) s.unsubscribe();
      await Promise.allSettled([...inFlight]);
    },
  };
};
