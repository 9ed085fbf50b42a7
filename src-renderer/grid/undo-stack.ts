/**
 * Undo/redo of saved edits. Each entry is one saved batch (a typed cell, a paste, a clear) with
 * every cell's text before and after, so undo is itself an ordinary save of the "before" texts.
 */
export interface UndoCell<K> {
  key: K;
  before: string | null;
  after: string | null;
}

export class UndoStack<K> {
  private done: UndoCell<K>[][] = [];
  private undone: UndoCell<K>[][] = [];

  constructor(private readonly limit = 200) {}

  record(batch: UndoCell<K>[]): void {
    const changed = batch.filter((c) => c.before !== c.after);
    if (changed.length === 0) return;
    this.done.push(changed);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  peekUndo(): UndoCell<K>[] | undefined {
    return this.done.at(-1);
  }

  peekRedo(): UndoCell<K>[] | undefined {
    return this.undone.at(-1);
  }

  /** Call after the undo's save succeeded; a failed save leaves the stacks as they were. */
  commitUndo(): void {
    const batch = this.done.pop();
    if (batch) this.undone.push(batch);
  }

  commitRedo(): void {
    const batch = this.undone.pop();
    if (batch) this.done.push(batch);
  }
}
