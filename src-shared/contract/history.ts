/**
 * Undo that survives a restart: every save on an editable grid is one step of an edit log kept in
 * the workspace, undone and redone per grid. Which channel saves on which grid is declared here,
 * once, for the backend that records the steps and the renderer that offers undo.
 */
import { z } from 'zod';
import { channel } from './common';

export const HISTORY_GRIDS = ['targets', 'breakdown', 'actuals', 'strategy', 'screening', 'holiday', 'evaluation'] as const;
export type HistoryGrid = (typeof HISTORY_GRIDS)[number];
const grid = z.enum(HISTORY_GRIDS);

/** The grid a call saves on (its undo history), or null for a call that is not an undoable save. */
export function historyGridOf(channelName: string, input: unknown): HistoryGrid | null {
  switch (channelName) {
    case 'targets/save-cells':
    case 'targets/import-template':
      return 'targets';
    // A lock belongs to the grid it was toggled on, as a typed figure does: 实际 locks to 进度跟踪's.
    case 'plan/set-total':
    case 'plan/set-lock':
      return (input as { level?: string } | null)?.level === 'actual' ? 'actuals' : 'breakdown';
    case 'strategy/save-demand-row':
    case 'strategy/save-habit-row':
    case 'strategy/start-month':
    case 'strategy/import-xlsx':
      return 'strategy';
    case 'screening/save-scores':
    case 'screening/save-criteria':
    case 'screening/save-indicator':
    case 'screening/save-threshold':
    case 'screening/apply-tiers':
      return 'screening';
    case 'holiday/save-targets':
    case 'holiday/targets-from-last-year':
    case 'holiday/split':
    case 'holiday/set-lock':
    case 'holiday/save-actuals':
    case 'holiday/save-opening-stock':
    case 'holiday/save-delivery':
    case 'holiday/delete-delivery':
    case 'holiday/save-duty':
    case 'holiday/save-store-shifts':
    case 'holiday/start-inspection':
    case 'holiday/save-inspection-items':
    case 'holiday/save-promotion':
    case 'holiday/delete-promotion':
    case 'holiday/save-service-task':
    case 'holiday/delete-service-task':
    case 'holiday/save-staffing':
    case 'holiday/import-stock':
    case 'holiday/import-roster':
      return 'holiday';
    case 'evaluation/save-entries':
    case 'evaluation/save-scheme':
      return 'evaluation';
    default:
      return null;
  }
}

/** One step as the toolbar names it: what was saved, where, how many rows it changed. */
export const HistoryStepSchema = z.object({
  id: z.number().int(),
  grid,
  channel: z.string(),
  /** When it was saved (ISO). */
  at: z.string(),
  /** The rows it changed (day cells, annual cells, strategy rows …). */
  rows: z.number().int(),
  /** The cells typed or pasted (a spread, a row of a table: one). */
  edits: z.number().int(),
  /** For a spread: the subject and period typed, as the breakdown shows them. */
  subjectName: z.string().nullable(),
  periodKey: z.string().nullable(),
});

const HistoryStateSchema = z.object({ grid, undo: HistoryStepSchema.nullable(), redo: HistoryStepSchema.nullable() });

export const historyChannels = {
  'history/get': channel(z.object({ grid }), HistoryStateSchema),
  'history/undo': channel(z.object({ grid }), HistoryStateSchema.extend({ done: HistoryStepSchema })),
  'history/redo': channel(z.object({ grid }), HistoryStateSchema.extend({ done: HistoryStepSchema })),
} as const;

export const historyEvents = {
  'history/changed': z.object({ grid }),
} as const;

export type HistoryStep = z.infer<typeof HistoryStepSchema>;
export type HistoryState = z.infer<typeof HistoryStateSchema>;
