/**
 * Undo and redo of saved edits for a grid: the hooks behind Ctrl+Z / Ctrl+Y and the toolbar's
 * buttons. Undoing is an ordinary save of the cells' texts before the edit, so it goes through
 * the same checks and the same mutation as any edit; a failed save leaves the history as it was.
 */
import { useCallback, useRef, useState } from 'react';
import { UndoStack, type UndoCell } from './undo-stack';

export type UndoDirection = 'undo' | 'redo';

export interface UndoHistoryOptions<K> {
  /** Saves the cells' texts; resolves false when the save failed (and has said so). */
  save: (cells: Array<{ key: K; text: string | null }>) => Promise<boolean>;
  /** Before a replay's save, e.g. to dismiss a refusal. */
  onReplayStart?: () => void;
  onReplayed: (direction: UndoDirection, count: number) => void;
  onNothing: (direction: UndoDirection) => void;
}

export function useUndoHistory<K>({ save, onReplayStart, onReplayed, onNothing }: UndoHistoryOptions<K>) {
  const stack = useRef(new UndoStack<K>()).current;
  // The stack lives in a ref; bumping this re-renders whatever shows canUndo / canRedo.
  const [, setVersion] = useState(0);

  /** After a save succeeded: its cells with their texts before and after. */
  const record = useCallback(
    (batch: UndoCell<K>[]) => {
      stack.record(batch);
      setVersion((v) => v + 1);
    },
    [stack],
  );

  const replay = useCallback(
    async (direction: UndoDirection) => {
      const batch = direction === 'undo' ? stack.peekUndo() : stack.peekRedo();
      if (!batch) {
        onNothing(direction);
        return;
      }
      onReplayStart?.();
      const ok = await save(batch.map((c) => ({ key: c.key, text: direction === 'undo' ? c.before : c.after })));
      if (!ok) return;
      if (direction === 'undo') stack.commitUndo();
      else stack.commitRedo();
      setVersion((v) => v + 1);
      onReplayed(direction, batch.length);
    },
    [stack, save, onReplayStart, onReplayed, onNothing],
  );

  return { record, replay, canUndo: stack.canUndo, canRedo: stack.canRedo };
}
