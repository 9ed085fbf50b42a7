/**
 * The editor's own nodes: 页面分隔 (a page break, printed as one) and the live number, an inline
 * atom holding its binding (metric, unit or person, measure, period) whose value the page resolves
 * and shows (LiveNumberView); and the headings' official numbers, drawn before each heading from
 * numberHeadings (the function the DOCX and the PDF number with), never part of the text. The JSON
 * they write is the contract's DocumentContent.
 */
import { Extension, mergeAttributes, Node, type Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { TableCell, TableHeader } from '@tiptap/extension-table';
import { ReactNodeViewRenderer } from '@tiptap/react';
import type { LiveNumberAttrs } from '../../../src-shared/contract/channels';
import { MEASURE_LEVEL, numberHeadings, type HeadingLevel } from '../../../src-shared/domain/official-numbering';
import { LiveNumberView } from './LiveNumberView';
import { EvaluationTableView } from './EvaluationTableView';
import { MeasureView } from './MeasureView';

export const PageBreak = Node.create({
  name: 'pageBreak',
  group: 'block',
  atom: true,
  selectable: true,
  parseHTML: () => [{ tag: 'div[data-page-break]' }],
  renderHTML: ({ HTMLAttributes }) => ['div', mergeAttributes(HTMLAttributes, { 'data-page-break': '', class: 'pd-page-break' })],
});

const ATTRS = ['metricId', 'subjectId', 'measure', 'period'] as const satisfies ReadonlyArray<keyof LiveNumberAttrs>;
/** metricId ↔ data-metric-id, as the DOM's dataset maps them (a copy and paste goes through this HTML). */
const dataAttribute = (name: string) => `data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export const LiveNumber = Node.create({
  name: 'liveNumber',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes: () =>
    Object.fromEntries(
      ATTRS.map((name) => [
        name,
        {
          default: name === 'period' ? 'ytd' : null,
          parseHTML: (el: HTMLElement) => el.dataset[name] ?? null,
          renderHTML: (a: Record<string, string>) => ({ [dataAttribute(name)]: a[name] }),
        },
      ]),
    ),
  // A pasted number without its binding (from elsewhere, or cut short) is not a live number.
  parseHTML: () => [
    { tag: 'span[data-live-number]', getAttrs: (el: HTMLElement) => (el.dataset.metricId && el.dataset.subjectId && el.dataset.measure ? null : false) },
  ],
  renderHTML: ({ HTMLAttributes }) => ['span', mergeAttributes(HTMLAttributes, { 'data-live-number': '' })],
  addNodeView: () => ReactNodeViewRenderer(LiveNumberView, { as: 'span' }),
});

/** Table cells hold paragraphs only, as the contract's cells do (a heading, table or page break inside one would be refused). */
export const PlainTableCell = TableCell.extend({ content: 'paragraph+' });
export const PlainTableHeader = TableHeader.extend({ content: 'paragraph+' });

/** 具体做法's measure: a block of text with its owner, deadline and status (MeasureView). */
export const Measure = Node.create({
  name: 'measure',
  group: 'block',
  content: 'inline*',
  defining: true,
  addAttributes: () => ({
    owner: {
      default: null,
      parseHTML: (el: HTMLElement) => el.dataset.owner ?? null,
      renderHTML: (a: Record<string, string | null>) => ({ 'data-owner': a.owner }),
    },
    deadline: {
      default: null,
      parseHTML: (el: HTMLElement) => el.dataset.deadline ?? null,
      renderHTML: (a: Record<string, string | null>) => ({ 'data-deadline': a.deadline }),
    },
    status: {
      default: 'not-started',
      parseHTML: (el: HTMLElement) => el.dataset.status ?? 'not-started',
      renderHTML: (a: Record<string, string>) => ({ 'data-status': a.status }),
    },
  }),
  parseHTML: () => [{ tag: 'div[data-measure]' }],
  renderHTML: ({ HTMLAttributes }) => ['div', mergeAttributes(HTMLAttributes, { 'data-measure': '' }), 0],
  addNodeView: () => ReactNodeViewRenderer(MeasureView),
  // Enter in a measure starts the next one, its owner, deadline and status still to fill in.
  addKeyboardShortcuts() {
    return {
      Enter: ({ editor }) => {
        if (!editor.isActive('measure')) return false;
        const { $from, empty } = editor.state.selection;
        // At the end, a new measure after this one (splitting there would make a paragraph).
        if (empty && $from.parentOffset === $from.parent.content.size) return insertMeasureAfter(editor) || true;
        editor.chain().splitBlock().updateAttributes('measure', NEW_MEASURE).run();
        return true;
      },
    };
  },
});

export const NEW_MEASURE = { owner: null, deadline: null, status: 'not-started' } as const;

/** A 绩效考核表 of a unit and period: a block atom holding the binding; the rows are read when shown (EvaluationTableView). */
export const EvaluationTable = Node.create({
  name: 'evaluationTable',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes: () => ({
    unitId: {
      default: null,
      parseHTML: (el: HTMLElement) => el.dataset.unitId ?? null,
      renderHTML: (a: Record<string, string | null>) => ({ 'data-unit-id': a.unitId }),
    },
    period: {
      default: null,
      parseHTML: (el: HTMLElement) => el.dataset.period ?? null,
      renderHTML: (a: Record<string, string | null>) => ({ 'data-period': a.period }),
    },
  }),
  // Pasted HTML without its unit and period would be refused at every save: not taken.
  parseHTML: () => [{ tag: 'div[data-evaluation-table]', getAttrs: (el: HTMLElement) => (el.dataset.unitId && el.dataset.period ? null : false) }],
  renderHTML: ({ HTMLAttributes }) => ['div', mergeAttributes(HTMLAttributes, { 'data-evaluation-table': '' })],
  addNodeView: () => ReactNodeViewRenderer(EvaluationTableView),
});

/** A new measure after the block the cursor is in (never splitting it), the cursor in it. */
export function insertMeasureAfter(editor: Editor): boolean {
  const { $from } = editor.state.selection;
  const after = $from.depth === 0 ? editor.state.doc.content.size : $from.after(1);
  return editor
    .chain()
    .focus()
    .insertContentAt(after, { type: 'measure', attrs: NEW_MEASURE })
    .setTextSelection(after + 1)
    .run();
}

function headingLabels(doc: ProseMirrorNode): DecorationSet {
  const headings: Array<{ pos: number; level: HeadingLevel }> = [];
  // A measure counts as a level-3 item (1. 2. …), as the DOCX numbers it (core/documents/document-blocks.ts).
  doc.forEach((node, offset) => {
    if (node.type.name === 'heading') headings.push({ pos: offset + 1, level: node.attrs.level as HeadingLevel });
    else if (node.type.name === 'measure') headings.push({ pos: offset + 1, level: MEASURE_LEVEL });
  });
  const labels = numberHeadings(headings.map((h) => h.level));
  return DecorationSet.create(
    doc,
    headings.map((h, i) =>
      Decoration.widget(
        h.pos,
        () => {
          const label = document.createElement('span');
          label.className = 'pd-heading-label';
          label.contentEditable = 'false';
          label.textContent = labels[i];
          return label;
        },
        { side: -1, key: `${i}:${labels[i]}` },
      ),
    ),
  );
}

const NUMBERING = new PluginKey<DecorationSet>('officialNumbering');

/** 一、（一）1.（1）① before each heading, recounted on every change (a moved section renumbers). */
export const OfficialNumbering = Extension.create({
  name: 'officialNumbering',
  addProseMirrorPlugins: () => [
    new Plugin<DecorationSet>({
      key: NUMBERING,
      state: {
        init: (_, state) => headingLabels(state.doc),
        apply: (tr, labels) => (tr.docChanged ? headingLabels(tr.doc) : labels),
      },
      props: { decorations: (state) => NUMBERING.getState(state) },
    }),
  ],
});
