import type { EventRecord } from './envelope.js';
import type { CanonicalTime } from './time.js';

/** What one Heat `orchestration.stack.*` notification says about a stack. */
export type StackFacts = Readonly<{
  /** Stack uuid (the last path segment of a pre-Liberty ARN `stack_identity`). */
  stackId: string;
  name: string;
  /** `CREATE`, `UPDATE`, `DELETE`, `ROLLBACK`, `SUSPEND`, ... (upper case). */
  action: string;
  /** `IN_PROGRESS` (`.start`), `COMPLETE` (`.end`), `FAILED` (`.error`). */
  status: string;
  /** Heat's `state`, e.g. `CREATE_COMPLETE`. */
  state: string;
  stateReason: string;
  projectId: string | null;
  createdAt: CanonicalTime | null;
}>;

/** A Heat stack in the model. Nested stacks are stacks of their own (Heat sends no parent id). */
export type Stack = StackFacts & Readonly<{ updatedAt: CanonicalTime; lastEventId: string; seq: number }>;

/** A stack changed state (`orchestration.stack.<action>.<start|end|error>`), except a finished delete. */
export type StackChanged = EventRecord<'StackChanged', 1, { stack: StackFacts; eventType: string }>;
/** `orchestration.stack.delete.end`: the stack is gone. Sticky. */
export type StackDeleted = EventRecord<'StackDeleted', 1, { stackId: string; name: string }>;

export type StackEvent = StackChanged | StackDeleted;
