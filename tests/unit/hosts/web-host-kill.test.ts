/**
 * kill -9 in the middle of a stream of edits: the web host runs as its own process on a workspace
 * file, takes `plan/set-total` edits (one lane awaited edit by edit, others concurrently in flight),
 * is SIGKILLed after a seeded number of them were acknowledged, and is started again on the same
 * file. Every edit answered 200 must be there afterwards, exactly; one still in flight at the kill
 * may have landed or not, but nothing else. Three rounds on the one file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSampleWorkspace } from '../helpers/workspace';
import { exitOf, hostProcessPerTest, seededRandom } from './host-process-helpers';
import { callApi, type Answer } from './web-host-helpers';

const ROUNDS = 3;
/** Lane 0 awaits each edit before the next; the others keep one edit each in flight beside it. */
const LANES = 4;
const METRIC = 'm-revenue';
const PEOPLE = 6;
const SEED = Number(process.env.PLANDESK_KILL_SEED ?? 20_261_126);

const startHost = hostProcessPerTest();

interface Edit {
  subjectId: string;
  day: string;
  text: string;
  /** The scaled integer the grid shows once the edit is in. */
  scaled: number;
  /** The cell before the edit (each cell is edited once in the whole test). */
  before: number | null;
  state: 'in-flight' | 'acknowledged' | 'failed';
}

interface GridRow {
  id: string;
  kind: 'unit' | 'person';
  values: Record<string, number | null>;
  locked: string[];
}

async function api<T>(port: number, channel: string, input: unknown): Promise<T> {
  const answer = await callApi(port, channel, input);
  if (answer.status !== 200 || !answer.json.ok) throw new Error(`${channel}: ${answer.status} ${answer.body}`);
  return answer.json.data as T;
}

/** The basic plan of every person, by day: subject id → day → scaled value (null: nothing stored). */
async function dayGrid(port: number, year: number): Promise<Map<string, GridRow>> {
  const grid = await api<{ rows: GridRow[] }>(port, 'plan/get-grid', { year, metricId: METRIC, level: 'basic', grain: 'day' });
  return new Map(grid.rows.filter((row) => row.kind === 'person').map((row) => [row.id, row]));
}

describe('the web host killed with SIGKILL mid-stream', () => {
  it(`keeps every acknowledged edit over ${ROUNDS} kill/restart rounds`, async () => {
    const startedAt = Date.now();
    const random = seededRandom(SEED);
    const ws = await openSampleWorkspace();
    const file = ws.file;
    await ws.close();

    let host = await startHost(file);
    const info = await api<{ planYear: number }>(host.port, 'workspace/get-info', {});
    const year = info.planYear;
    const metrics = await api<Array<{ id: string; precision: number }>>(host.port, 'metrics/list', {});
    const precision = metrics.find((m) => m.id === METRIC)!.precision;
    const initial = await dayGrid(host.port, year);

    // Distinct cells (a few unlocked people × the days of the plan year) in a seeded order.
    const people = [...initial.values()].filter((row) => row.locked.length === 0).slice(0, PEOPLE);
    expect(people.length).toBe(PEOPLE);
    const days = Object.keys(people[0].values).filter((key) => /^\d{4}-\d{2}-\d{2}$/.test(key) && key.startsWith(`${year}-`));
    expect(days.length).toBeGreaterThanOrEqual(365);
    const cells = people.flatMap((row) => days.map((day) => ({ subjectId: row.id, day })));
    for (let i = cells.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [cells[i], cells[j]] = [cells[j], cells[i]];
    }

    const edits: Edit[] = [];
    /** Edit n's value: distinct for every n, with the metric's decimals used when it has two. */
    const valueOf = (n: number) => {
      const whole = 1000 + n;
      const cents = (n * 37) % 100;
      return precision >= 2
        ? { text: `${whole}.${String(cents).padStart(2, '0')}`, scaled: whole * 10 ** precision + cents * 10 ** (precision - 2) }
        : { text: String(whole), scaled: whole * 10 ** precision };
    };

    const rounds: Array<{ target: number; acknowledged: number; inFlightAtKill: number }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      const target = 30 + Math.floor(random() * 91);
      let acknowledged = 0;
      let inFlight = 0;
      let inFlightAtKill = -1;
      const { child, port } = host;
      const exited = exitOf(child);

      let stopped = false;
      const lane = async () => {
        while (!stopped) {
          const n = edits.length;
          const cell = cells[n];
          const { text, scaled } = valueOf(n);
          const edit: Edit = { ...cell, text, scaled, before: initial.get(cell.subjectId)!.values[cell.day] ?? null, state: 'in-flight' };
          edits.push(edit);
          inFlight++;
          let answer: Answer & { json: { ok: boolean } };
          try {
            answer = await callApi(port, 'plan/set-total', { year, metricId: METRIC, level: 'basic', subjectId: cell.subjectId, periodKey: cell.day, text });
          } catch (error) {
            // The connection died with the process: not acknowledged.
            inFlight--;
            edit.state = 'failed';
            if (stopped) return;
            stopped = true;
            throw error;
          }
          inFlight--;
          if (answer.status !== 200 || !answer.json.ok) {
            edit.state = 'failed';
            stopped = true;
            throw new Error(`edit ${n} (${cell.subjectId} ${cell.day} = ${text}): ${answer.status} ${answer.body}`);
          }
          // A 200 is an acknowledgement, also one read after the kill: the host sent it.
          edit.state = 'acknowledged';
          acknowledged++;
          if (acknowledged >= target && !stopped) {
            stopped = true;
            inFlightAtKill = inFlight;
            child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: LANES }, lane));
      expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(inFlightAtKill, 'requests in flight when the host was killed').toBeGreaterThan(0);
      rounds.push({ target, acknowledged, inFlightAtKill });

      // The same file, opened again after the crash: the host starts (no refusal) and has every edit.
      host = await startHost(file);
      const grid = await dayGrid(host.port, year);
      for (const edit of edits) {
        const stored = grid.get(edit.subjectId)!.values[edit.day] ?? null;
        const where = `round ${round + 1}: ${edit.subjectId} ${edit.day} = ${edit.text} (${edit.state})`;
        if (edit.state === 'acknowledged') expect(stored, where).toBe(edit.scaled);
        else expect([edit.before, edit.scaled], where).toContain(stored);
      }
    }

    const acknowledged = edits.filter((e) => e.state === 'acknowledged');
    const final = await dayGrid(host.port, year);
    const found = acknowledged.filter((e) => (final.get(e.subjectId)!.values[e.day] ?? null) === e.scaled).length;
    const unacknowledgedLanded = edits.filter((e) => e.state !== 'acknowledged' && (final.get(e.subjectId)!.values[e.day] ?? null) === e.scaled).length;
    expect(found).toBe(acknowledged.length);
    console.log(
      `kill -9 test: ${ROUNDS} rounds, ${edits.length} edits sent, ${acknowledged.length} acknowledged, ${found} found after restart` +
        ` (${unacknowledgedLanded} of ${edits.length - acknowledged.length} unacknowledged landed; in flight at kill: ${rounds.map((r) => r.inFlightAtKill).join('/')};` +
        ` acks per round: ${rounds.map((r) => r.acknowledged).join('/')}; seed ${SEED}; ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
    );
    host.child.kill('SIGKILL');
    await exitOf(host.child);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }, 60_000);
});
