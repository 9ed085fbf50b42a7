/**
 * Figures edit-log-*: what recording a save in the edit log costs. The same spread (and an annual paste) (split-500x365's
 * annual total typed on the company, 500 people × 365 days) through `createCaller` — dispatch, with
 * the edit log capturing every row it writes and storing the step — against the same
 * `setPlanTotal` call without the log, in the same run, on identically prepared workspaces
 * (bench/README.md).
 */
import path from 'node:path';
import { openWorkspace } from '../src-main/core/app';
import { rawDatabase } from '../src-main/core/db/data-source';
import { createCaller } from '../src-main/core/dispatch';
import { saveAnnualCells, setPlanTotal } from '../src-main/core/plan';
import type { CellChange } from '../src-shared/contract/channels';
import { scaledToPlainText } from '../src-shared/domain/decimal';
import { seededRandom } from '../src-shared/domain/random';
import { comparePair, quietContext, removeDir, tempDir, type Figure, type Trial } from './harness';
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
    budget: 2.5,
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

const PASTE_PEOPLE = 160;
const PASTE_METRICS = [
  { id: 'm-revenue', precision: 2 },
  { id: 'm-net-users', precision: 0 },
  { id: 'm-new-business', precision: 2 },
  { id: 'm-arrears-due', precision: 2 },
  { id: 'm-arrears-collected', precision: 2 },
];
const PASTE_MEASURES = ['lastYearActual', 'basic', 'challenge'] as const;
const PASTE_CELLS = PASTE_PEOPLE * PASTE_METRICS.length * PASTE_MEASURES.length;

/** A sample workspace with PASTE_PEOPLE extra people (no figures yet) and the block pasted for them in 年度目标. */
async function pasteWorkspace(dir: string) {
  const ws = await openWorkspace(path.join(dir, 'paste.plandesk'), { ctx: quietContext(), createWithSample: true });
  const db = rawDatabase(ws.dataSource);
  const year = ws.ctx.clock().getFullYear();
  const teams = (db.prepare(`SELECT id FROM org_unit WHERE level = 'team' ORDER BY id`).all() as Array<{ id: string }>).map((t) => t.id);
  const insertPerson = db.prepare(`INSERT INTO person (id, unit_id, name, role, sort_order) VALUES (?, ?, ?, '客户经理', ?)`);
  const random = seededRandom(2_400);
  const changes: CellChange[] = [];
  db.transaction(() => {
    for (let i = 0; i < PASTE_PEOPLE; i++) {
      const id = `pp-${String(i + 1).padStart(4, '0')}`;
      insertPerson.run(id, teams[i % teams.length], `员工${String(i + 1).padStart(4, '0')}`, 100 + i);
      for (const metric of PASTE_METRICS)
        for (const measure of PASTE_MEASURES)
          changes.push({
            metricId: metric.id,
            subjectId: id,
            measure,
            text: scaledToPlainText(Math.round(100 * (0.5 + random()) * 10 ** metric.precision), metric.precision),
          });
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { ws, year, changes };
}

function pasteSide(via: 'dispatch' | 'service'): () => Promise<Trial> {
  return async () => {
    const dir = tempDir();
    const { ws, year, changes } = await pasteWorkspace(dir);
    const call = createCaller(ws);
    return {
      run: () => (via === 'dispatch' ? call('targets/save-cells', { year, changes }) : saveAnnualCells(ws, year, changes)),
      verify: (result) => {
        const saved = (result as { saved: number }).saved;
        if (saved !== PASTE_CELLS) throw new Error(`saved ${saved} of ${PASTE_CELLS} cells`);
        const steps = rawDatabase(ws.dataSource).prepare(`SELECT COUNT(*) AS n FROM edit_log`).get() as { n: number };
        if (steps.n !== (via === 'dispatch' ? 1 : 0)) throw new Error(`${via}: ${steps.n} edit-log steps`);
      },
      cleanup: async () => {
        await ws.close();
        removeDir(dir);
      },
    };
  };
}

/** An annual paste in 年度目标: 2,400 cells, the basic and challenge ones spread to 584,000 new day cells. */
export const editLogPaste: Figure = {
  name: 'edit-log-paste-2400',
  budget: 2.5,
  description:
    `targets/save-cells through createCaller (dispatch and the edit log) with a pasted block of ${PASTE_CELLS.toLocaleString('en')} annual cells ` +
    `(${PASTE_PEOPLE} new people × 5 additive metrics × 上年实际/基本目标/挑战目标; the basic and challenge figures spread over each person's days: ` +
    `${(PASTE_PEOPLE * PASTE_METRICS.length * 2 * 365).toLocaleString('en')} day cells), against the same saveAnnualCells call without dispatch or ` +
    'edit log, on an identically prepared sample workspace in the same run.',
  run: ({ runs }) => comparePair({ ours: pasteSide('dispatch'), baseline: pasteSide('service') }, runs),
};
