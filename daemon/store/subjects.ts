import type { SubjectRef } from '../../events/envelope.js';
import { encodeToken } from '../../events/ids.js';
import type { StoreNames } from './names.js';

/** Subject of an entity's history: `<prefix>.evt.<kind>.<encoded id>`. */
export const subjectOf = (names: StoreNames, s: SubjectRef): string => `${names.evtRoot}.${s.kind}.${encodeToken(s.id)}`;

/** Dead-letter subject for one source: `<prefix>.dlq.<source>`. */
export const dlqSubjectOf = (names: StoreNames, source: string): string => `${names.dlqRoot}.${encodeToken(source)}`;

/**
 * Longest subject berth publishes. nats-server drops a client whose protocol line passes
 * `max_control_line` (4 KiB by default) and the client's retries would do it again: an entity id
 * that long (hostile input) must be dead-lettered, never published.
 */
export const MAX_SUBJECT_BYTES = 2048;

/** `Nats-Msg-Id` is a header: CR and LF cannot be in it (nats.js refuses the publish), so they are written escaped. */
export const headerSafe = (id: string): string => (/[\r\n]/.test(id) ? id.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A') : id);
