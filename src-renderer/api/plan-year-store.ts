/**
 * The plan year every plan screen shows (年度目标, 目标分解, 进度跟踪, 报表), chosen in the header and
 * remembered per workspace file (localStorage keyed by its name, as 年度目标's layout is). A stored
 * year the workspace no longer has, or none, gives the workspace's current year. No React here: the
 * start page's first requests (features/targets/index.ts) read it before React mounts.
 */
import type { WorkspaceInfo } from '../../src-shared/contract/channels';

const storageKey = (fileName: string) => `plandesk.planYear:${fileName}`;
const listeners = new Set<() => void>();
let version = 0;

function storedYear(fileName: string): number | null {
  try {
    const value = Number(localStorage.getItem(storageKey(fileName)));
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

/** The year to show for this workspace: the remembered one if the workspace has it, else its current year. */
export function planYearOf(info: Pick<WorkspaceInfo, 'fileName' | 'planYear' | 'planYears'>): number {
  const stored = storedYear(info.fileName);
  return stored !== null && info.planYears.includes(stored) ? stored : info.planYear;
}

export function choosePlanYear(fileName: string, year: number): void {
  try {
    localStorage.setItem(storageKey(fileName), String(year));
  } catch {
    // Storage refused: the choice lasts until the page reloads.
  }
  version++;
  for (const listener of listeners) listener();
}

/** Calls the listener whenever a year is chosen; returns the unsubscribe. */
export function subscribePlanYear(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export const planYearVersion = (): number => version;
