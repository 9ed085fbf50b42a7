/**
 * 工作计划 documents: one written plan per unit and year, its text as the editor's JSON (tiptap /
 * ProseMirror: headings of the official levels, paragraphs, tables, page breaks) with live numbers
 * bound to the plan (a metric × a unit or person × a measure × a period). The binding is stored;
 * the value is resolved each time the document is shown or exported, so a figure is never stale.
 * Heading numbers (一、（一）1.（1）①) are not stored either: src-shared/domain/official-numbering.ts
 * counts them from the headings' order.
 */
import { z } from 'zod';
import { channel, id, isoDate, planYear, yearMonth } from './common';
import { evaluationPeriod } from './evaluation';

/** What a live number shows of its metric and subject. */
export const LIVE_MEASURES = ['actual', 'basic', 'challenge', 'basicRate', 'challengeRate', 'yoy', 'timeProgress', 'basicRunRate', 'challengeRunRate'] as const;
/**
 * ytd: the actual so far (as of the day shown, within the plan year) against the year's targets;
 * holiday: the 两节 window of the document's year (元旦 and 春节 of that year, as 两节供应计划 sets
 * it); a month 'YYYY-MM': that month, as 目标分解 splits it. Over a window or a month the targets
 * are the span's, the actual what is in by the day shown, 序时进度 its working days elapsed.
 */
export const LIVE_PERIODS = ['ytd', 'holiday'] as const;
export const livePeriod = z.union([z.enum(LIVE_PERIODS), yearMonth]);

export const LiveNumberAttrsSchema = z.object({
  metricId: id,
  subjectId: id,
  measure: z.enum(LIVE_MEASURES),
  period: livePeriod,
});

const text = z.object({
  type: z.literal('text'),
  text: z.string().min(1).max(20_000),
  marks: z
    .array(z.object({ type: z.enum(['bold']) }))
    .max(4)
    .optional(),
});
const liveNumber = z.object({ type: z.literal('liveNumber'), attrs: LiveNumberAttrsSchema });
const inline = z.array(z.discriminatedUnion('type', [text, liveNumber])).max(5_000);
const paragraph = z.object({ type: z.literal('paragraph'), content: inline.optional() });
const heading = z.object({ type: z.literal('heading'), attrs: z.object({ level: z.number().int().min(1).max(5) }), content: inline.optional() });
const cell = z.object({
  type: z.enum(['tableHeader', 'tableCell']),
  attrs: z
    .object({ colspan: z.number().int().min(1).max(50).optional(), rowspan: z.number().int().min(1).max(500).optional() })
    .passthrough()
    .optional(),
  content: z.array(paragraph).min(1).max(50),
});
const table = z.object({
  type: z.literal('table'),
  content: z
    .array(z.object({ type: z.literal('tableRow'), content: z.array(cell).min(1).max(50) }))
    .min(1)
    .max(2_000),
});
const pageBreak = z.object({ type: z.literal('pageBreak') });
/** A measure of 具体做法: its text, who owns it, by when, how far; numbered as a level-3 item (1.). */
export const MEASURE_STATUSES = ['not-started', 'in-progress', 'done', 'delayed'] as const;
export const MeasureAttrsSchema = z.object({
  owner: z.string().trim().max(40).nullable(),
  deadline: isoDate.nullable(),
  status: z.enum(MEASURE_STATUSES),
});
const measure = z.object({ type: z.literal('measure'), attrs: MeasureAttrsSchema, content: inline.optional() });

/** 绩效考核表 of a unit and period, shown and printed as its summary (evaluation-summary.ts) with the figures of the moment. */
export const EvaluationTableAttrsSchema = z.object({ unitId: id, period: evaluationPeriod });
const evaluationTable = z.object({ type: z.literal('evaluationTable'), attrs: EvaluationTableAttrsSchema });

/** The document's text as the editor keeps it; anything else is refused, never stored. */
export const DocumentContentSchema = z.object({
  type: z.literal('doc'),
  content: z.array(z.discriminatedUnion('type', [paragraph, heading, measure, table, pageBreak, evaluationTable])).max(10_000),
});

export const WorkPlanDocumentSchema = z.object({
  id,
  unitId: id,
  year: planYear,
  title: z.string().trim().min(1).max(200),
  content: DocumentContentSchema,
  updatedAt: z.string(),
});

export const ResolvedLiveNumberSchema = z.object({
  /** The figure (a rate as a fraction), or null when the plan has none yet. */
  value: z.number().nullable(),
  /** As printed: 3,862.44 万元, 91.0%. */
  text: z.string(),
  /** Why it cannot be shown: its metric or subject no longer exists. */
  broken: z.enum(['unknown-metric', 'unknown-subject']).nullable(),
});

export const documentsChannels = {
  /** The unit's plan document of the year, or null when none was started. */
  'documents/get': channel(z.object({ unitId: id, year: planYear }), z.object({ document: WorkPlanDocumentSchema.nullable() })),
  /** Starts the unit's document of the year from the template, its live numbers already bound. */
  'documents/create': channel(z.object({ unitId: id, year: planYear }), WorkPlanDocumentSchema),
  'documents/save': channel(z.object({ id, title: WorkPlanDocumentSchema.shape.title, content: DocumentContentSchema }), WorkPlanDocumentSchema),
  /** Every measure of every document (or a year's), with where it stands: filtered by owner, or to the overdue ones. */
  'documents/list-measures': channel(
    z.object({ year: planYear.optional(), owner: z.string().trim().max(40).optional(), overdue: z.boolean().optional() }),
    z.object({
      asOf: isoDate,
      measures: z.array(
        MeasureAttrsSchema.extend({
          documentId: id,
          unitId: id,
          unitName: z.string(),
          year: planYear,
          /** The level-1 heading the measure is under, as numbered: 三、2027年工作目标. */
          section: z.string(),
          /** Its number within the section: 1. */
          label: z.string(),
          text: z.string(),
          /** Past its deadline and not done, as of today. */
          overdue: z.boolean(),
        }),
      ),
    }),
  ),
  /** Each live number's current value, in the order asked, as of a day (default: the clock's). */
  'documents/resolve': channel(
    z.object({ year: planYear, asOf: isoDate.optional(), tokens: z.array(LiveNumberAttrsSchema).max(2_000) }),
    z.object({ asOf: isoDate, values: z.array(ResolvedLiveNumberSchema) }),
  ),
} as const;

export const documentsEvents = {
  'documents/changed': z.object({ id, unitId: id, year: planYear }),
} as const;

export type LiveMeasure = (typeof LIVE_MEASURES)[number];
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export type MeasureAttrs = z.infer<typeof MeasureAttrsSchema>;
export type LiveNumberAttrs = z.infer<typeof LiveNumberAttrsSchema>;
export type EvaluationTableAttrs = z.infer<typeof EvaluationTableAttrsSchema>;
export type DocumentContent = z.infer<typeof DocumentContentSchema>;
export type WorkPlanDocument = z.infer<typeof WorkPlanDocumentSchema>;
export type ResolvedLiveNumber = z.infer<typeof ResolvedLiveNumberSchema>;
