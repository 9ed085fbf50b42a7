/**
 * 绩效考核表 as a 工作计划 shows and prints it: one row a person in rank order — 排名, 姓名, 部门,
 * the sales target and actual, 完成率, 总分 — under one header row. The editor draws it and the
 * DOCX and PDF print it from this one function, so what the planner sees is what prints.
 */
import type { EvaluationSheet } from '../contract/evaluation';
import { formatReportValue } from './report-model';

export function evaluationSummaryGrid(sheet: EvaluationSheet): string[][] {
  const decimals = sheet.metric.precision;
  const amount = (v: number | null) => (v === null ? '—' : formatReportValue(v / 10 ** decimals, { kind: 'number', decimals }));
  return [
    ['排名', '姓名', '部门', `原计划销售指标（${sheet.metric.unit}）`, `实际完成销量（${sheet.metric.unit}）`, '完成率', '总分'],
    ...[...sheet.rows]
      .sort((a, b) => a.rank - b.rank)
      .map((row) => [
        String(row.rank),
        row.name,
        row.unitName,
        amount(row.values.salesTarget),
        amount(row.values.salesActual),
        row.salesRate === null ? '—' : formatReportValue(row.salesRate, { kind: 'percent', decimals: 1 }),
        formatReportValue(row.total / 10, { kind: 'number', decimals: 1 }),
      ]),
  ];
}

/** The caption a table is inserted with: 2026 年 11 月销售人员绩效考核（江城市分公司）. */
export function evaluationCaption(sheet: Pick<EvaluationSheet, 'periodLabel' | 'unitName'>): string {
  return `${sheet.periodLabel.zh}销售人员绩效考核（${sheet.unitName}）`;
}
