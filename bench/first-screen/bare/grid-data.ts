/**
 * What the first-screen baseline pages show: the rows and columns of the 年度目标 grid. They ask
 * the same host for the same data in the same order the app must (the plan year first, then the
 * org tree, metrics and cells) and build the rows with the same src-shared code, so the
 * difference to the app is the app.
 */
import { AllCommunityModule, ModuleRegistry, type ColDef, type ColGroupDef } from 'ag-grid-community';
import type { GridInputs } from './grid-fetch';
import { formatDecimal } from '../../../src-shared/domain/decimal';
import {
  buildPlanRows,
  DERIVED_COLUMNS,
  derivedValue,
  MEASURES,
  orgTreeNodes,
  type MetricDef,
  type PlanRow,
  type TreeNode,
} from '../../../src-shared/domain/targets';

ModuleRegistry.registerModules([AllCommunityModule]);

export function gridColumns(metrics: MetricDef[]): Array<ColDef<PlanRow> | ColGroupDef<PlanRow>> {
  const name: ColDef<PlanRow> = { colId: 'name', headerName: '组织 / 人员', pinned: 'left', width: 250, valueGetter: (p) => p.data?.name };
  return [
    name,
    ...metrics.map((metric) => ({
      headerName: `${metric.name}（${metric.unit}）`,
      children: [
        ...MEASURES.map((measure): ColDef<PlanRow> => ({
          colId: `${metric.id}:${measure}`,
          width: 104,
          type: 'rightAligned',
          valueGetter: (p) => formatDecimal(p.data?.values[metric.id]?.[measure] ?? null, metric.precision),
        })),
        ...DERIVED_COLUMNS.map((kind): ColDef<PlanRow> => ({
          colId: `${metric.id}:${kind}`,
          width: 100,
          type: 'rightAligned',
          valueGetter: (p) => {
            const value = p.data ? derivedValue(kind, metric, p.data.values[metric.id]) : null;
            return value === null ? '' : value.toFixed(1);
          },
        })),
      ],
    })),
  ];
}

export interface GridData {
  rows: PlanRow[];
  total: PlanRow;
  columns: Array<ColDef<PlanRow> | ColGroupDef<PlanRow>>;
}

/** The grid's rows and columns from the fetched data, built with the app's src-shared code. */
export function gridData({ org, metrics, cells }: GridInputs): GridData {
  // The app's rows: a virtual root over the top units gives the total row, everything expanded.
  const nodes: TreeNode[] = [
    { id: '__total', parentId: null, kind: 'unit', name: '合计', label: 'company' },
    ...orgTreeNodes(org.units, org.people).map((n) => (n.parentId === null ? { ...n, parentId: '__total' } : n)),
  ];
  const [total, ...rows] = buildPlanRows(nodes, metrics as MetricDef[], cells.cells);
  return { rows, total, columns: gridColumns(metrics as MetricDef[]) };
}
