/**
 * The editor's own nodes: 页面分隔 (a page break, printed as one) and the live number, an inline
 * atom holding its binding (metric, unit or person, measure, period) whose value the page resolves
 * and shows (LiveNumberView); and the headings' official numbers, drawn before each heading from
 * numberHeadings (the function the DOCX and the PDF number with), never part of the text. The JSON
 * they write is the contract's DocumentContent.
 */
import { Extension, mergeAttributes, Node } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ReactNodeViewRenderer } from '@tiptap/react';
import type { LiveNumberAttrs } from '../../../src-shared/contract/channels';
import { numberHeadings, type HeadingLevel } from '../../../src-shared/domain/official-numbering';
import { LiveNumberView } from './LiveNumberView';

export const PageBreak = Node.create({
  name: 'pageBreak',
  group: 'block',
  atom: true,
  selectable: true,
  parseHTML: () => [{ tag: 'div[data-page-break]' }],
  renderHTML: ({ HTMLAttributes }) => ['div', mergeAttributes(HTMLAttributes, { 'data-page-break': '', class: 'pd-page-break' })],
});

const ATTRS = ['metricId', 'subjectId', 'measure', 'period'] as const satisfies ReadonlyArray<keyof LiveNumberAttrs>;

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
          renderHTML: (a: Record<string, string>) => ({ [`data-${name.toLowerCase()}`]: a[name] }),
        },
      ]),
    ),
  parseHTML: () => [{ tag: 'span[data-live-number]' }],
  renderHTML: ({ HTMLAttributes }) => ['span', mergeAttributes(HTMLAttributes, { 'data-live-number': '' })],
  addNodeView: () => ReactNodeViewRenderer(LiveNumberView, { as: 'span' }),
});

function headingLabels(doc: ProseMirrorNode): DecorationSet {
  const headings: Array<{ pos: number; level: HeadingLevel }> = [];
  doc.forEach((node, offset) => {
    if (node.type.name === 'heading') headings.push({ pos: offset + 1, level: node.attrs.level as HeadingLevel });
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
