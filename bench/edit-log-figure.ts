/**
 * Figures edit-log-*: what recording a save in the edit log costs. The same spread (split-500x365's
 * annual total typed on the company, 500 people × 365 days) through `createCaller` — dispatch, with
 * the edit log capturing every row it writes and storing the step — against the same
 * `setPlanTotal` call without the log, in the same run, on identically prepared workspaces
 * (bench/README.md).
 */
import { createCaller } from '../src-main/core/dispatch';
import { setPlanTotal } from '../src-main/core/plan';
import { rawDatabase } from '../src-main/core/db/data-source';
import { comparePair, removeDir, tempDir, type Figure, type Trial } from './harness';
import { splitInput, splitWorkspace } from './split-figure';

const DAYS = 500 * 365;

/** `rewrite`: the days exist already (a first split, untimed), so the timed spread updates them all. */
function side(via: 'dispatch' | 'service', rewrite: boolean): () => Promise<Trial> {
  return async () => {
    const dir = tempDir();
    const { ws, companyId, year } = await splitWorkspace(dir);
    const input = splitInput(companyId, year);
    if (rewrite) await setPlanTotal(ws, { ...input, text: '98765.43' });
    const call = createCaller(ws);
    return {
      run: () => (via === 'dispatch' ? call('plan/set-total', input) : setPlanTotal(ws, input)),
      verify: (result) => {
        const changed = (result as { changedCells: number }).changedCells;
        if (changed !== DAYS) throw new Error(`changed ${changed} of ${DAYS} cells`);
        const steps = rawDatabase(ws.dataSource).prepare(`SELECT COUNT(*) AS n, MAX(row_count) AS rows FROM edit_log`).get() as { n: number; rows: number };
        const expected = via === 'dispatch' ? 1 : 0;
        if (steps.n !== expected) throw new Error(`${via}: ${steps.n} edit-log steps, not ${expected}`);
        if (via === 'dispatch' && steps.rows < (rewrite ? 1 : DAYS)) throw new Error(`the step holds ${steps.rows} rows`);
      },
      cleanup: async () => {
        await ws.close();
        removeDir(dir);
      },
    };
  };
}

function editLogFigure(name: string, rewrite: boolean, what: string): Figure {
  return {
    name,
    budget: 2.0,
    description:
      `plan/set-total through createCaller (dispatch: validation, the edit log capturing every written row and storing the step) ${what}, ` +
      'against the same setPlanTotal call without dispatch or edit log, on an identically prepared workspace in the same run ' +
      '(split-500x365: one annual total typed on the company, spread to 500 people × 365 days).',
    run: ({ runs }) => comparePair({ ours: side('dispatch', rewrite), baseline: side('service', rewrite) }, runs),
  };
}

/** A first spread: 182,500 day cells inserted. */
export const editLogSplit = editLogFigure('edit-log-split-500x365', false, 'storing 182,500 new day cells');
/** A spread again over stored days: 182,500 day cells updated (what an undoable rewrite is). */
export const editLogRespread = editLogFigure('edit-log-respread-500x365', true, 'rewriting 182,500 stored day cells');
