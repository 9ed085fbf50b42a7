/**
 * The template a new 工作计划 starts from, in the shape of the sample plans: 一、业务发展与业务收入
 * (each of the year's metrics to date against the basic and challenge targets, as live numbers of
 * the unit), 二、存在的问题, 三、下一年工作目标 with （一）工作目标 and （二）具体做法. The wording is the
 * product's own; the planner writes the rest.
 */
import type { DocumentContent, LiveNumberAttrs } from '../../../src-shared/contract/channels';
import type { MetricDef } from '../../../src-shared/domain/targets';

type Inline = NonNullable<Extract<DocumentContent['content'][number], { type: 'paragraph' }>['content']>[number];

const words = (text: string): Inline => ({ type: 'text', text });
const live = (metricId: string, subjectId: string, measure: LiveNumberAttrs['measure']): Inline => ({
  type: 'liveNumber',
  attrs: { metricId, subjectId, measure, period: 'ytd' },
});
const heading = (level: number, text: string) => ({ type: 'heading' as const, attrs: { level }, content: [words(text)] });
const paragraph = (...content: Inline[]) => ({ type: 'paragraph' as const, content });

/** A metric's sentence: 营业收入今年以来完成 [实际]，占年计划基本目标的 [基本完成率]、挑战目标的 [挑战完成率]，同比 [+8.8%]。 */
function metricSentence(metric: TemplateMetric, unitId: string): Inline[] {
  return [
    words(`${metric.name}今年以来完成 `),
    live(metric.id, unitId, 'actual'),
    words('，占年计划基本目标的 '),
    live(metric.id, unitId, 'basicRate'),
    words('、挑战目标的 '),
    live(metric.id, unitId, 'challengeRate'),
    words(metric.kind === 'ratio' ? '，比上年 ' : '，同比 '),
    live(metric.id, unitId, 'yoy'),
    words('。'),
  ];
}

export function documentTitle(unitName: string, year: number): string {
  return `${unitName}${year}年工作计划`;
}

/** What the template says of a metric. */
export type TemplateMetric = Pick<MetricDef, 'id' | 'name' | 'kind'>;

export function workPlanTemplate(unit: { id: string; name: string }, year: number, metrics: readonly TemplateMetric[]): DocumentContent {
  const additive = metrics.find((m) => m.kind === 'additive');
  return {
    type: 'doc',
    content: [
      paragraph(words(`${year}年，${unit.name}围绕年度目标，抓市场、促发展、强管理。现将今年以来的工作情况和下一年的工作目标汇报如下。`)),
      heading(1, '业务发展与业务收入'),
      ...metrics.map((m) => paragraph(...metricSentence(m, unit.id))),
      ...(additive
        ? [
            paragraph(
              words('全年时间已过 '),
              live(additive.id, unit.id, 'timeProgress'),
              words(`，完成全年${additive.name}基本目标尚需日均完成 `),
              live(additive.id, unit.id, 'basicRunRate'),
              words('。'),
            ),
          ]
        : []),
      heading(1, '存在的问题'),
      heading(3, '在此写出问题及其原因。'),
      heading(1, `${year + 1}年工作目标`),
      heading(2, '工作目标'),
      paragraph(words('在此写出下一年的基本目标和挑战目标。')),
      heading(2, '具体做法'),
      {
        type: 'measure' as const,
        attrs: { owner: null, deadline: null, status: 'not-started' as const },
        content: [words('在此写出措施，并填写负责人、完成时限和进度。')],
      },
    ],
  };
}
