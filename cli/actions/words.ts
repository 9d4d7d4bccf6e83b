import type { ActionResponder, ActionTarget, ActionVerb } from '../../events/action.js';
import { safeText } from '../output/sanitize.js';

const PRESENT: Readonly<Record<ActionVerb, string>> = { start: 'start', stop: 'stop', restart: 'restart', kill: 'kill', rm: 'remove', reboot: 'reboot' };
const PAST: Readonly<Record<ActionVerb, string>> = { start: 'Started', stop: 'Stopped', restart: 'Restarted', kill: 'Killed', rm: 'Removed', reboot: 'Rebooted' };

/** `stop`, `remove`: the action as a verb in a sentence. */
export const verbOf = (a: ActionVerb): string => PRESENT[a];
/** `Stopped`, `Removed`: the action done. */
export const doneOf = (a: ActionVerb): string => PAST[a];

/** `engine 'local'`, `cloud 'stacklab'`. */
export const responderText = (r: ActionResponder): string => `${r.kind === 'docker' ? 'engine' : 'cloud'} '${safeText(r.name)}'`;

/**
 * The target as the confirmation and every message name it: kind, name, id and where it runs
 * (`container 'web' (id 3f2a9c4e1b2d, host local)`). Names come from engines: made safe for the terminal.
 */
export const targetText = (t: ActionTarget, r: ActionResponder): string => {
  const where = t.kind === 'container' ? `host ${safeText(t.host)}` : `cloud ${safeText(r.name)}${t.host === null ? '' : `, host ${safeText(t.host)}`}`;
  // Container ids are shown as Docker shows them (12 characters); server uuids whole, as Nova does.
  return `${t.kind === 'vm' ? 'VM' : 'container'} '${safeText(t.name) || '(no name)'}' (id ${t.kind === 'vm' ? t.id : t.id.slice(0, 12)}, ${where})`;
};

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** `Stop container 'web' (id ..., host local)?`: the confirmation question. */
export const question = (a: ActionVerb, t: ActionTarget, r: ActionResponder): string => `${cap(verbOf(a))} ${targetText(t, r)}? [y/N] `;
