import { completeCommand } from '../commands.js';
import { stepMs } from '../hooks/console-keys.js';
import type { Keymap } from '../keymap.js';
import type { ConsoleState } from '../state/console-state.js';
import type { AnyTable } from '../tables.js';
import { Confirm, confirmHeight } from './confirm.js';
import { FlashLine, PromptLine } from './prompt-line.js';
import { Scrubber } from './scrubber.js';

/** Lines the bottom bar takes in this state (the body gets the rest). */
export const bottomLines = (s: ConsoleState, width: number, rows: number): number =>
  s.mode === 'confirm' && s.confirm !== null ? confirmHeight(s.confirm, width, rows)
    : s.mode === 'scrub' ? 2 : s.mode === 'command' || s.mode === 'filter' || s.flash !== null ? 1 : 0;

export type BottomBarProps = Readonly<{ state: ConsoleState; tables: readonly AnyTable[]; safe: (s: string) => string; nowMs: number; width: number; rows: number; keymap: Keymap }>;

/** Above the footer: the prompt being typed, the time scrubber, a confirmation, or the last message. */
export const BottomBar = ({ state: s, tables, safe, nowMs, width, rows, keymap }: BottomBarProps) => {
  if (s.mode === 'command' || s.mode === 'filter') {
    return (
      <PromptLine
        sigil={s.mode === 'command' ? ':' : '/'}
        input={safe(s.input)}
        suggestion={s.mode === 'command' ? completeCommand(s.input, tables, tables.find((t) => t.id === s.view)).slice(s.input.length) : ''}
        error={s.inputError === null ? null : safe(s.inputError)}
      />
    );
  }
  if (s.mode === 'scrub' && s.scrub !== null) return <Scrubber atMs={s.scrub.atMs} nowMs={nowMs} stepMs={stepMs(s.scrub.step)} width={width} />;
  if (s.mode === 'confirm' && s.confirm !== null) return <Confirm pending={s.confirm} width={width} rows={rows} keymap={keymap} />;
  if (s.flash !== null) return <FlashLine text={safe(s.flash.text)} error={s.flash.error} />;
  return null;
};
