/**
 * 年度目标's layout choices, remembered per workspace file (localStorage keyed by its name): the
 * metrics and columns the column chooser hides, and whether the chart panel is folded away.
 * A window narrower than a desktop's opens with the chart folded until the planner says otherwise,
 * so a laptop shows the names and a whole metric group at once.
 */
import { useCallback, useMemo, useState } from 'react';
import { DERIVED_COLUMNS, MEASURES } from '../../../src-shared/domain/targets';
import type { GridColumnKind } from './targets-columns';

export interface TargetsLayout {
  hiddenMetrics: string[];
  hiddenColumns: GridColumnKind[];
  chartFolded: boolean;
}

/** Every column kind of a metric group, in the grid's order. */
export const COLUMN_KINDS: readonly GridColumnKind[] = [...MEASURES, ...DERIVED_COLUMNS];

/** Below this window width the chart panel starts folded (1280 and 1440 wide laptops). */
const CHART_OPEN_MIN_WIDTH = 1500;

const storageKey = (fileName: string) => `plandesk.targets.layout:${fileName}`;

function defaultLayout(): TargetsLayout {
  const width = typeof window === 'undefined' ? Infinity : window.innerWidth;
  return { hiddenMetrics: [], hiddenColumns: [], chartFolded: width < CHART_OPEN_MIN_WIDTH };
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

function readLayout(fileName: string | undefined): TargetsLayout {
  const fallback = defaultLayout();
  if (!fileName) return fallback;
  try {
    const raw = localStorage.getItem(storageKey(fileName));
    if (!raw) return fallback;
    const stored = JSON.parse(raw) as Partial<Record<keyof TargetsLayout, unknown>>;
    return {
      hiddenMetrics: strings(stored.hiddenMetrics),
      hiddenColumns: strings(stored.hiddenColumns).filter((k): k is GridColumnKind => (COLUMN_KINDS as readonly string[]).includes(k)),
      chartFolded: typeof stored.chartFolded === 'boolean' ? stored.chartFolded : fallback.chartFolded,
    };
  } catch {
    // Storage refused or a value from another version: the defaults.
    return fallback;
  }
}

function writeLayout(fileName: string, layout: TargetsLayout): void {
  try {
    localStorage.setItem(storageKey(fileName), JSON.stringify(layout));
  } catch {
    // Private mode or a full store: the choice lasts for this visit only.
  }
}

/** The workspace's layout and a setter that remembers a change for the next visit. */
export function useTargetsLayout(fileName: string | undefined): [TargetsLayout, (change: Partial<TargetsLayout>) => void] {
  const [changed, setChanged] = useState<{ fileName: string | undefined; layout: TargetsLayout } | null>(null);
  const stored = useMemo(() => readLayout(fileName), [fileName]);
  const layout = changed && changed.fileName === fileName ? changed.layout : stored;
  const update = useCallback(
    (change: Partial<TargetsLayout>) => {
      const next = { ...layout, ...change };
      setChanged({ fileName, layout: next });
      if (fileName) writeLayout(fileName, next);
    },
    [layout, fileName],
  );
  return [layout, update];
}
