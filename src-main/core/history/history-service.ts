/**
 * Undo that survives a restart. Every call the contract names an undoable save
 * (`historyGridOf`) runs with the database's change capture on: the rows it changed, whichever
 * feature's code wrote them, become one step of its grid's history in the workspace, with the
 * events it emitted. Undo puts the rows back as they were and replays the events, so every screen
 * refetches; redo puts them forward again. A step whose rows were changed again since (by another
 * grid's save) is refused rather than overwriting that change.
 *
 * Recorded calls run one at a time per workspace: the capture sees every write on the
 * connection, so two saves interleaving at an await would be recorded as one another's.
 */
import type { ChannelName } from '../../../src-shared/contract/channels';
import { events as EVENT_SCHEMAS } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { historyGridOf, type HistoryGrid, type HistoryState, type HistoryStep } from '../../../src-shared/contract/history';
import type { CapturedChanges, EncodedCapture } from '../db/port';
import type { HostServices } from '../host-services';
import { readOrg } from '../org';
import type { Workspace } from '../workspace';
import { dropRedoAndOld, firstUndone, insertStep, lastDone, readStepData, setStepState, type EditLogRow, type RecordedEvent } from './history-store';

/** Tables whose rows are not a user's edit: the schema's, the file's identity, the log itself. */
const NOT_CAPTURED = ['schema_migrations', 'workspace_meta', 'edit_log'];

/**
 * Channels that only read (or write nothing to the workspace, as an export): they need not wait.
 * Every other channel that is not a grid's recorded save still waits its turn — organisation and
 * metric maintenance, dictionaries, the calendar, any write added later — since a write landing
 * during a recorded save's awaits (an import reading its file) would be captured into that step
 * and put back by its undo. Undo and redo queue themselves.
 */
const NEEDS_NO_TURN = /^history\/|\/(get|list|preview|export|cancel-export)(-|$)/;

/**
 * What may stop an undo or redo before its rows go back: the features built on the log say which
 * figures the restore would change that must not change (the plan's locks; see app.ts). Each
 * returns the refusal's details (naming what holds), or null.
 */
export type RestoreGuard = (ws: Workspace, changes: CapturedChanges, to: 'before' | 'after') => { reason: string; [detail: string]: unknown } | null;

const restoreGuards: RestoreGuard[] = [];

export function guardRestore(guard: RestoreGuard): void {
  restoreGuards.push(guard);
}

type AnyHandler = (ws: Workspace, input: never, host: HostServices) => Promise<unknown>;

const queues = new WeakMap<Workspace, Promise<unknown>>();

/** Runs `work` after every recorded call already queued on the workspace. */
function serialized<T>(ws: Workspace, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(ws) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(
    ws,
    next.catch(() => {}),
  );
  return next;
}

/** Every event a call emits, in order, until `stop()`. */
function listen(ws: Workspace): { stop: () => RecordedEvent[] } {
  const heard: RecordedEvent[] = [];
  const offs = Object.keys(EVENT_SCHEMAS)
    .filter((name) => name !== 'history/changed')
    .map((name) => ws.events.on(name as never, (payload: unknown) => heard.push([name, payload])));
  return {
    stop: () => {
      for (const off of offs) off();
      return heard;
    },
  };
}

function rowCount(changes: EncodedCapture): number {
  return Object.values(changes).reduce((sum, table) => sum + table.rowCount, 0);
}

/** The handler map with every undoable save recorded as a step of its grid. */
export function withEditLog<H extends Record<string, AnyHandler>>(handlers: H): H {
  const wrapped: Record<string, AnyHandler> = { ...handlers };
  for (const [name, handler] of Object.entries(handlers)) {
    // Writes no grid undoes still wait their turn: run during a recorded save's awaits, their rows
    // would be captured into its step (and put back by its undo).
    if (NEEDS_NO_TURN.test(name)) continue;
    // The grid depends on the input (an actual or a target), so every call decides for itself.
    if (historyGridOf(name, {}) === null && historyGridOf(name, { level: 'actual' }) === null) {
      wrapped[name] = (ws, input, host) => serialized(ws, () => handler(ws, input, host));
      continue;
    }
    wrapped[name] = (ws, input, host) => {
      const grid = historyGridOf(name, input);
      if (!grid) return serialized(ws, () => handler(ws, input, host));
      return serialized(ws, () => recorded(ws, grid, name as ChannelName, input, () => handler(ws, input, host)));
    };
  }
  return wrapped as H;
}

async function recorded<T>(ws: Workspace, grid: HistoryGrid, channel: ChannelName, input: unknown, save: () => Promise<T>): Promise<T> {
  const capture = ws.db.beginCapture(NOT_CAPTURED);
  const heard = listen(ws);
  let output: T;
  try {
    output = await save();
  } catch (error) {
    // A refused save rolled its writes back: nothing to record.
    heard.stop();
    capture.end();
    throw error;
  }
  const events = heard.stop();
  const changes = capture.end();
  if (rowCount(changes) === 0) return output;
  const named = input as { subjectId?: unknown; periodKey?: unknown; changes?: unknown };
  // A save of a file counts the cells it saved and cleared (targets/import-template) or the rows it changed (the other imports).
  const counted = output as { saved?: unknown; cleared?: unknown; changed?: unknown } | null;
  const fileEdits =
    typeof counted?.saved === 'number' && typeof counted.cleared === 'number'
      ? counted.saved + counted.cleared
      : typeof counted?.changed === 'number'
        ? counted.changed
        : 1;
  // The step is no change to the figures: caches the save re-stamped stay warm (plan-cache.ts).
  ws.db.unstamped(() =>
    ws.db.transaction(() => {
      insertStep(
        ws.db,
        {
          grid,
          channel,
          at: ws.ctx.clock().toISOString(),
          rowCount: rowCount(changes),
          editCount: Array.isArray(named.changes) ? named.changes.length : fileEdits,
          subjectId: typeof named.subjectId === 'string' ? named.subjectId : null,
          periodKey: typeof named.periodKey === 'string' ? named.periodKey : null,
        },
        changes,
        events,
      );
      dropRedoAndOld(ws.db, grid);
    }),
  );
  ws.events.emit('history/changed', { grid });
  return output;
}

export async function historyState(ws: Workspace, grid: HistoryGrid): Promise<HistoryState> {
  const names = subjectNames(ws);
  const undo = lastDone(ws.db, grid);
  const redo = firstUndone(ws.db, grid);
  return { grid, undo: undo ? stepOf(undo, names) : null, redo: redo ? stepOf(redo, names) : null };
}

export function undoStep(ws: Workspace, grid: HistoryGrid): Promise<HistoryState & { done: HistoryStep }> {
  return serialized(ws, () => replay(ws, grid, 'undo'));
}

export function redoStep(ws: Workspace, grid: HistoryGrid): Promise<HistoryState & { done: HistoryStep }> {
  return serialized(ws, () => replay(ws, grid, 'redo'));
}

async function replay(ws: Workspace, grid: HistoryGrid, direction: 'undo' | 'redo'): Promise<HistoryState & { done: HistoryStep }> {
  const step = direction === 'undo' ? lastDone(ws.db, grid) : firstUndone(ws.db, grid);
  if (!step) throw new AppError('NOT_FOUND', direction === 'undo' ? `Nothing to undo on ${grid}` : `Nothing to redo on ${grid}`, { grid, direction });
  const { changes, events } = readStepData(ws.db, step.id);
  const to = direction === 'undo' ? 'before' : 'after';
  for (const guard of restoreGuards) {
    const refusal = guard(ws, changes, to);
    if (refusal) {
      throw new AppError(
        'CONFLICT',
        `Cannot ${direction}: this step would change figures locked since (${refusal.reason}); nothing ${direction === 'undo' ? 'undone' : 'redone'}`,
        {
          grid,
          direction,
          conflicts: 0,
          stepId: step.id,
          ...refusal,
        },
      );
    }
  }
  try {
    ws.db.transaction(() => {
      const { conflicts } = ws.db.restoreCaptured(changes, direction === 'undo' ? 'before' : 'after');
      if (conflicts > 0) {
        throw new AppError('CONFLICT', `${conflicts} rows of this step were changed since; nothing ${direction === 'undo' ? 'undone' : 'redone'}`, {
          grid,
          direction,
          conflicts,
          stepId: step.id,
        });
      }
      setStepState(ws.db, step.id, direction === 'undo' ? 'undone' : 'done');
    });
  } catch (error) {
    // Rows put back that the database refuses — referring to a row deleted since (a product, a
    // customer), or clashing with a unique row written since: refused at commit, nothing changed.
    if (!(error instanceof AppError) && error instanceof Error && /(FOREIGN KEY|UNIQUE|PRIMARY KEY|CHECK|NOT NULL) constraint failed/.test(error.message)) {
      throw new AppError(
        'CONFLICT',
        `Rows of this step clash with rows changed since (${error.message}); nothing ${direction === 'undo' ? 'undone' : 'redone'}`,
        {
          grid,
          direction,
          conflicts: 1,
          stepId: step.id,
        },
      );
    }
    throw error;
  }
  for (const [name, payload] of events) ws.events.emit(name as never, payload as never);
  ws.events.emit('history/changed', { grid });
  const state = await historyState(ws, grid);
  return { ...state, done: stepOf({ ...step, state: direction === 'undo' ? 'undone' : 'done' }, subjectNames(ws)) };
}

function subjectNames(ws: Workspace): Map<string, string> {
  // Every organisation's: a holiday step names a store, 班组 or employee of the retail group.
  const { units, people } = readOrg(ws.db, undefined, 'all');
  return new Map([...units.map((u) => [u.id, u.name] as const), ...people.map((p) => [p.id, p.name] as const)]);
}

function stepOf(row: EditLogRow, names: Map<string, string>): HistoryStep {
  return {
    id: row.id,
    grid: row.grid,
    channel: row.channel,
    at: row.at,
    rows: row.rowCount,
    edits: row.editCount,
    subjectName: row.subjectId === null ? null : (names.get(row.subjectId) ?? row.subjectId),
    periodKey: row.periodKey,
  };
}
