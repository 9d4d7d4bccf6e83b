import { CONTAINER_ACTIONS, VM_ACTIONS } from '../../events/action.js';
import type { ActionOptions, ActionRequester, ActionResponder, ActionTarget, ActionVerb } from '../../events/action.js';
import { encodeToken } from '../../events/ids.js';
import type { StoreNames } from '../store/names.js';

/**
 * The wire contract between whoever asks (the CLI, later the console) and the daemon that acts.
 *
 * Subject: `<prefix>.cmd.<kind>.<encoded name>.<action>`, where `<kind>.<name>` names the responder:
 * `docker.<engine name>` for containers, `openstack.<cloud name>` for VMs. Each daemon subscribes
 * only for the engines it follows and the cloud it has credentials for, so with one daemon per
 * Docker host every request reaches the daemon next to that engine; NATS answers "no responders"
 * at once when no daemon is running for it. Daemons configured for the same engine or cloud join
 * one queue group, so a request is carried out once.
 */
export const actionSubject = (names: StoreNames, r: ActionResponder, action: ActionVerb): string =>
  `${names.cmdRoot}.${r.kind}.${encodeToken(r.name)}.${action}`;

/** What a daemon subscribes to for one responder: every action on it. */
export const responderSubjects = (names: StoreNames, r: ActionResponder): string => `${names.cmdRoot}.${r.kind}.${encodeToken(r.name)}.*`;

/** The queue group of every daemon of one installation: one of them acts on each request. */
export const actionQueue = (names: StoreNames): string => `${names.prefix}-actions`;

/** The request body (JSON). The action and the responder come from the subject. */
export type ActionRequestBody = Readonly<{
  requestId: string;
  target: ActionTarget;
  by: ActionRequester;
  reason: string | null;
  options: ActionOptions;
}>;

/** The daemon's answer (JSON). Only `invalid` and `duplicate` leave nothing new on the record. */
export type ActionReply =
  | Readonly<{ outcome: 'succeeded'; requestId: string; detail: string | null; tookMs: number }>
  | Readonly<{ outcome: 'failed'; requestId: string; error: string; status: number | null; tookMs: number }>
  | Readonly<{ outcome: 'refused'; requestId: string; why: string }>
  | Readonly<{ outcome: 'duplicate'; requestId: string }>
  | Readonly<{ outcome: 'invalid'; error: string }>;

/** Actions each responder kind knows, and the kind of entity they act on. */
export const ACTIONS_OF = { docker: CONTAINER_ACTIONS, openstack: VM_ACTIONS } as const;
export const TARGET_KIND = { docker: 'container', openstack: 'vm' } as const;

export const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;
const CONTAINER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,255}$/;
const SERVER_ID = /^[A-Za-z0-9-]{1,64}$/;
const SIGNAL = /^(SIG)?[A-Z0-9+]{1,12}$/;
const MAX_TEXT = 1000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const obj = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const text = (v: unknown, max = 256): string | undefined => (typeof v === 'string' && v.length <= max ? v : undefined);

/** What each option must be: unknown options are ignored, known ones must be valid. */
const OPTION_CHECKS: Readonly<Record<keyof ActionOptions, readonly [(v: unknown) => boolean, string]>> = {
  timeSec: [(v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 3600, 'a whole number of seconds from 0 to 3600'],
  signal: [(v) => typeof v === 'string' && SIGNAL.test(v), 'a signal name or number (KILL, SIGTERM, 9)'],
  force: [(v) => typeof v === 'boolean', 'true or false'],
  volumes: [(v) => typeof v === 'boolean', 'true or false'],
};

const parseOptions = (v: unknown): Parsed<ActionOptions> => {
  const o = obj(v ?? {});
  if (o === undefined) return { ok: false, error: 'options must be an object' };
  const out: Record<string, unknown> = {};
  for (const [k, [valid, what]] of Object.entries(OPTION_CHECKS)) {
    if (o[k] === undefined) continue;
    if (!valid(o[k])) return { ok: false, error: `options.${k} must be ${what}` };
    out[k] = o[k];
  }
  return { ok: true, value: out as ActionOptions };
};

const parseTarget = (v: unknown, kind: ActionResponder['kind']): Parsed<ActionTarget> => {
  const t = obj(v);
  const id = text(t?.['id']);
  if (t === undefined || id === undefined) return { ok: false, error: 'target.id is missing' };
  if (!(kind === 'docker' ? CONTAINER_ID : SERVER_ID).test(id)) return { ok: false, error: `target.id '${id.slice(0, 80)}' is not a ${TARGET_KIND[kind]} id` };
  if (t['kind'] !== TARGET_KIND[kind]) return { ok: false, error: `target.kind must be '${TARGET_KIND[kind]}' on a ${kind} subject` };
  const host = t['host'] === null ? null : text(t['host']);
  return { ok: true, value: { kind: TARGET_KIND[kind], id, name: text(t['name']) ?? '', host: host ?? null } };
};

const parseBy = (v: unknown): Parsed<ActionRequester> => {
  const by = obj(v);
  const user = text(by?.['user']);
  const host = text(by?.['host']);
  return user === undefined || host === undefined ? { ok: false, error: 'by.user and by.host (who asks) are required' } : { ok: true, value: { user, host } };
};

/** Reads a request body (untrusted: anyone who may publish on the subject can send one). */
export const parseActionRequest = (body: string, kind: ActionResponder['kind']): Parsed<ActionRequestBody> => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, error: 'the request is not JSON' };
  }
  const o = obj(json);
  if (o === undefined) return { ok: false, error: 'the request must be a JSON object' };
  const requestId = o['requestId'];
  if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) return { ok: false, error: 'requestId must be 8 to 64 letters, digits, - or _' };
  const target = parseTarget(o['target'], kind);
  if (!target.ok) return target;
  const by = parseBy(o['by']);
  if (!by.ok) return by;
  const reason = o['reason'] === null || o['reason'] === undefined ? null : text(o['reason'], MAX_TEXT);
  if (reason === undefined) return { ok: false, error: `reason must be text of at most ${MAX_TEXT} characters` };
  const options = parseOptions(o['options']);
  if (!options.ok) return options;
  return { ok: true, value: { requestId, target: target.value, by: by.value, reason, options: options.value } };
};

/** Reads the action token of a request subject, if it is one this kind of responder knows. */
export const actionOf = (subject: string, kind: ActionResponder['kind']): ActionVerb | undefined => {
  const verb = subject.slice(subject.lastIndexOf('.') + 1);
  return (ACTIONS_OF[kind] as readonly string[]).includes(verb) ? (verb as ActionVerb) : undefined;
};
