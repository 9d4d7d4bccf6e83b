import type { SubjectRef } from '../../events/envelope.js';
import { encodeToken } from '../../events/ids.js';
import type { StoreNames } from './names.js';

/** Subject of an entity's history: `<prefix>.evt.<kind>.<encoded id>`. */
export const subjectOf = (names: StoreNames, s: SubjectRef): string => `${names.evtRoot}.${s.kind}.${encodeToken(s.id)}`;

/** Dead-letter subject for one source: `<prefix>.dlq.<source>`. */
export const dlqSubjectOf = (names: StoreNames, source: string): string => `${names.dlqRoot}.${encodeToken(source)}`;
