/**
 * 工作计划: a unit's written plan of the year, edited as a 公文 (tiptap): headings of the official
 * levels numbered as the DOCX numbers them (一、（一）1.（1）①, drawn by OfficialNumbering, never
 * stored, so a moved or deleted section renumbers the rest), paragraphs, tables, page breaks and
 * live numbers bound to the plan.
 * The numbers' values come from documents/resolve and refetch whenever the plan changes; the text
 * saves itself a moment after each edit. 导出 Word / PDF write the document as of today.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TableKit } from '@tiptap/extension-table';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Alert, Button, Empty, Input, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentContent, LiveNumberAttrs, WorkPlanDocument } from '../../../src-shared/contract/channels';
import { invoke } from '../../api/client';
import { useMetrics, useOrgTree } from '../../api/hooks';
import { usePlanYear } from '../../api/plan-year';
import { useErrorText } from '../../shell/error-text';
import { exportReportFile } from '../../shell/files';
import { LoadingMark } from '../../shell/ToolButton';
import { useMessage } from '../../toasts';
import { EvaluationTable, insertMeasureAfter, LiveNumber, Measure, OfficialNumbering, PageBreak, PlainTableCell, PlainTableHeader } from './editor-extensions';
import { InsertEvaluationTable } from './InsertEvaluationTable';
import { MeasuresDrawer } from './MeasuresDrawer';
import { LiveNumberPicker } from './LiveNumberPicker';
import { liveKey, LiveValuesContext, type LiveValues } from './live-values';

const SAVE_DELAY_MS = 800;

/** Every live number of the editor's document, in reading order. */
function tokensOf(content: DocumentContent): LiveNumberAttrs[] {
  const found: LiveNumberAttrs[] = [];
  const walk = (node: { type?: string; attrs?: unknown; content?: unknown[] }) => {
    if (node.type === 'liveNumber') found.push(node.attrs as LiveNumberAttrs);
    for (const child of (node.content ?? []) as Array<typeof node>) walk(child);
  };
  walk(content as never);
  return found;
}

function DocumentEditor({ document }: { document: WorkPlanDocument }): ReactNode {
  const { t } = useTranslation();
  const message = useMessage();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const year = document.year;
  const metrics = useMetrics().data ?? [];
  const org = useOrgTree(year).data;
  const [title, setTitle] = useState(document.title);
  // The editor's update handler is made once: it reads the title typed since through this ref.
  const titleRef = useRef(document.title);
  const [content, setContent] = useState<DocumentContent>(document.content);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState<'docx' | 'pdf' | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // The last title the document was saved with: a title cleared while typing is not saved (the
  // contract wants one), and the body saves under the last good one meanwhile.
  const savedTitle = useRef(document.title);
  const titleToSave = () => (titleRef.current.trim() ? titleRef.current : savedTitle.current);
  const save = useMutation({
    mutationKey: ['documents/save'],
    mutationFn: (next: { title: string; content: DocumentContent }) => invoke('documents/save', { id: document.id, ...next }),
    onSuccess: (saved) => {
      savedTitle.current = saved.title;
      ownSave.current = saved.updatedAt;
      queryClient.setQueryData(['documents/get', saved.unitId, saved.year], { document: saved });
    },
    onError: (error) => message.error(errorText(error)),
  });
  // What is waiting for the save delay: saved at once when the page goes (another unit, another
  // page, the window closing), never dropped.
  const pending = useRef<{ title: string; content: DocumentContent } | null>(null);
  // The document as this editor last saved (or opened) it: a newer one is someone else's save.
  const ownSave = useRef(document.updatedAt);
  const schedule = (next: { title: string; content: DocumentContent }) => {
    pending.current = next;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      pending.current = null;
      save.mutate(next);
    }, SAVE_DELAY_MS);
  };
  useEffect(() => {
    const flush = () => {
      if (timer.current) clearTimeout(timer.current);
      const next = pending.current;
      pending.current = null;
      if (next)
        void invoke('documents/save', { id: document.id, ...next }).then(
          (saved) => queryClient.setQueryData(['documents/get', saved.unitId, saved.year], { document: saved }),
          (error: unknown) => message.error(errorText(error)),
        );
    };
    window.addEventListener('beforeunload', flush);
    return () => {
      window.removeEventListener('beforeunload', flush);
      flush();
    };
    // Once per document: the handlers read refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [document.id]);

  const editor = useEditor({
    // The contract's nodes only: paragraphs, headings of five levels, tables, page breaks and live
    // numbers; no lists, quotes, code or added bold (GB/T 9704 sets headings by their font alone).
    extensions: [
      StarterKit.configure({
        heading: { levels: [1, 2, 3, 4, 5] },
        bold: false,
        italic: false,
        strike: false,
        code: false,
        codeBlock: false,
        blockquote: false,
        bulletList: false,
        orderedList: false,
        listItem: false,
        listKeymap: false,
        horizontalRule: false,
        hardBreak: false,
        link: false,
        underline: false,
      }),
      TableKit.configure({ table: { resizable: false }, tableCell: false, tableHeader: false }),
      PlainTableCell,
      PlainTableHeader,
      PageBreak,
      EvaluationTable,
      LiveNumber,
      Measure,
      OfficialNumbering,
    ],
    content: document.content,
    editorProps: {
      attributes: { class: 'pd-doc-body', 'data-testid': 'doc-editor', spellcheck: 'false' },
      // # (or ＃) opens 插入实时数字 to find a number by typing its names.
      handleTextInput: (_view, _from, _to, text) => {
        if (text !== '#' && text !== '＃') return false;
        setPicking(true);
        return true;
      },
    },
    onUpdate: ({ editor: e }) => {
      const next = e.getJSON() as DocumentContent;
      setContent(next);
      schedule({ title: titleToSave(), content: next });
    },
  });

  // A save from elsewhere (another window, a second PlanDesk on the same file) arrives as a newer
  // document when documents/changed refetches it: taken in, unless something typed here is still
  // waiting or being saved — that save is then the newer one, and is kept.
  useEffect(() => {
    if (!editor || document.updatedAt === ownSave.current || pending.current || save.isPending) return;
    ownSave.current = document.updatedAt;
    // Not a step of this editor's undo: Ctrl+Z must not put back what the other window replaced.
    editor.chain().setMeta('addToHistory', false).setContent(document.content, { emitUpdate: false }).run();
    setContent(document.content);
    setTitle(document.title);
    titleRef.current = document.title;
    savedTitle.current = document.title;
    // Only a newer document matters; the refs say whether it is ours.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, document.updatedAt]);

  // In a table only paragraphs and numbers go: the block buttons wait outside it.
  const inTable = useEditorState({ editor, selector: (ctx) => ctx.editor?.isActive('table') ?? false }) ?? false;
  const tokens = useMemo(() => tokensOf(content), [content]);
  const resolved = useQuery({
    queryKey: ['documents/resolve', year, tokens.map(liveKey).join(',')],
    queryFn: () => invoke('documents/resolve', { year, tokens }),
    placeholderData: (previous) => previous,
  });
  const values = useMemo(() => {
    const byKey = new Map<string, NonNullable<typeof resolved.data>['values'][number]>();
    resolved.data?.values.forEach((v, i) => tokens[i] && byKey.set(liveKey(tokens[i]), v));
    return byKey;
  }, [resolved.data, tokens]);
  const names = useMemo(
    () => new Map([...(org?.units ?? []).map((u) => [u.id, u.name] as const), ...(org?.people ?? []).map((p) => [p.id, p.name] as const)]),
    [org],
  );
  const live: LiveValues = {
    valueOf: (attrs) => values.get(liveKey(attrs)),
    describe: (attrs) =>
      [
        metrics.find((m) => m.id === attrs.metricId)?.name ?? attrs.metricId,
        names.get(attrs.subjectId) ?? attrs.subjectId,
        t(`documents.measures.${attrs.measure}`),
        attrs.period === 'ytd' || attrs.period === 'holiday'
          ? t(`documents.periods.${attrs.period}`)
          : t('documents.periods.month', { month: Number(attrs.period.slice(5)) }),
      ].join(' · '),
  };
  // Each broken number named (its metric, unit or person, measure, and why), once per binding.
  const broken = [
    ...new Map(
      tokens.flatMap((token, i) => (resolved.data?.values[i]?.broken ? [[liveKey(token), { token, why: resolved.data.values[i].broken! }] as const] : [])),
    ).values(),
  ];

  const exportAs = async (format: 'docx' | 'pdf') => {
    setBusy(format);
    try {
      if (pending.current) {
        if (timer.current) clearTimeout(timer.current);
        const next = pending.current;
        pending.current = null;
        await save.mutateAsync(next);
      }
      const result = await exportReportFile({ report: 'work-plan', format, jobId: `work-plan-${Date.now()}`, year, scopeId: document.unitId });
      if (!result.cancelled) message.success(t('documents.exported', { name: result.fileName }));
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  if (!editor) return <LoadingMark />;
  return (
    <LiveValuesContext.Provider value={live}>
      <div className="pd-toolbar pd-doc-toolbar">
        <Space size={8} wrap>
          <LevelSelect editor={editor} disabled={inTable} />
          <Button size="small" onClick={() => setPicking(true)} data-testid="insert-live-number">
            {t('documents.insertNumber')}
          </Button>
          <Button
            size="small"
            disabled={inTable}
            onClick={() => editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
            data-testid="insert-table"
          >
            {t('documents.insertTable')}
          </Button>
          <Button size="small" disabled={inTable} onClick={() => insertMeasureAfter(editor)} data-testid="insert-measure">
            {t('documents.insertMeasure')}
          </Button>
          <Button
            size="small"
            disabled={inTable}
            onClick={() => editor.chain().focus().insertContent({ type: 'pageBreak' }).run()}
            data-testid="insert-page-break"
          >
            {t('documents.pageBreak')}
          </Button>
          <InsertEvaluationTable
            editor={editor}
            year={year}
            unitId={document.unitId}
            unitName={org?.units.find((u) => u.id === document.unitId)?.name ?? ''}
            disabled={inTable}
          />
        </Space>
        <span className="pd-toolbar-actions">
          {resolved.data && <span className="pd-text-secondary">{t('documents.asOf', { day: resolved.data.asOf })}</span>}
          <Button size="small" loading={busy === 'docx'} onClick={() => void exportAs('docx')} data-testid="export-docx">
            {t('documents.exportDocx')}
          </Button>
          <Button size="small" loading={busy === 'pdf'} onClick={() => void exportAs('pdf')} data-testid="export-pdf">
            {t('documents.exportPdf')}
          </Button>
        </span>
      </div>
      <div className="pd-hint">{t('documents.hint')}</div>
      {broken.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('documents.brokenList', { count: broken.length })}
          description={
            <ul className="pd-broken-list">
              {broken.map(({ token, why }) => (
                <li key={liveKey(token)}>
                  {live.describe(token)}：{t(`documents.broken.${why}`)}
                </li>
              ))}
            </ul>
          }
          data-testid="broken-numbers"
        />
      )}
      <div className="pd-doc-page">
        <Input
          className="pd-doc-title"
          aria-label={t('documents.docTitle')}
          value={title}
          variant="borderless"
          onChange={(e) => {
            setTitle(e.target.value);
            titleRef.current = e.target.value;
            schedule({ title: titleToSave(), content });
          }}
          data-testid="doc-title"
        />
        <EditorContent editor={editor} />
      </div>
      <LiveNumberPicker
        open={picking}
        year={year}
        unitId={document.unitId}
        onCancel={() => setPicking(false)}
        onPick={(attrs) => {
          setPicking(false);
          editor.chain().focus().insertContent({ type: 'liveNumber', attrs }).run();
        }}
      />
    </LiveValuesContext.Provider>
  );
}

function LevelSelect({ editor, disabled }: { editor: Editor; disabled: boolean }): ReactNode {
  const { t } = useTranslation();
  const [, rerender] = useState(0);
  useEffect(() => {
    const update = () => rerender((n) => n + 1);
    editor.on('selectionUpdate', update);
    editor.on('transaction', update);
    return () => {
      editor.off('selectionUpdate', update);
      editor.off('transaction', update);
    };
  }, [editor]);
  const level = [1, 2, 3, 4, 5].find((l) => editor.isActive('heading', { level: l })) ?? 0;
  return (
    <Select
      size="small"
      aria-label={t('documents.level')}
      disabled={disabled}
      value={level}
      style={{ width: 150 }}
      onChange={(next: number) =>
        next === 0
          ? editor.chain().focus().setParagraph().run()
          : editor
              .chain()
              .focus()
              .setHeading({ level: next as 1 | 2 | 3 | 4 | 5 })
              .run()
      }
      options={[0, 1, 2, 3, 4, 5].map((l) => ({ value: l, label: t(`documents.levels.${l === 0 ? 'body' : l}`) }))}
      data-testid="doc-level"
    />
  );
}

export function WorkPlanPage(): ReactNode {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const year = usePlanYear();
  const org = useOrgTree(year);
  const units = org.data?.units ?? [];
  const [chosen, setChosen] = useState<string | undefined>();
  const [listing, setListing] = useState(false);
  // A unit chosen before the organisation changed (or in another year) may be gone: the company then.
  const unitId = units.some((u) => u.id === chosen) ? chosen : units.find((u) => u.parentId === null)?.id;
  const doc = useQuery({
    queryKey: ['documents/get', unitId, year],
    queryFn: () => invoke('documents/get', { unitId: unitId!, year: year! }),
    enabled: unitId !== undefined && year !== undefined,
  });
  const create = useMutation({
    mutationKey: ['documents/create'],
    mutationFn: () => invoke('documents/create', { unitId: unitId!, year: year! }),
    onSuccess: (created) => queryClient.setQueryData(['documents/get', created.unitId, created.year], { document: created }),
  });
  const unitName = units.find((u) => u.id === unitId)?.name ?? '';

  if (org.error) return <Empty description={errorText(org.error)} />;
  if (year === undefined || !org.data) return <LoadingMark />;
  return (
    <div className="pd-page" data-testid="work-plan-page">
      <div className="pd-toolbar">
        <h4 className="pd-page-title">{t('documents.title', { year })}</h4>
        <div className="pd-toolbar-actions">
          <Button size="small" onClick={() => setListing(true)} data-testid="open-measures">
            {t('documents.measureList.open')}
          </Button>
          <Select
            size="small"
            showSearch
            optionFilterProp="label"
            aria-label={t('documents.unit')}
            value={unitId}
            onChange={setChosen}
            style={{ width: 200 }}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            data-testid="doc-unit"
          />
        </div>
      </div>
      <MeasuresDrawer open={listing} year={year} onClose={() => setListing(false)} />
      {doc.error ? (
        <Empty description={errorText(doc.error)} />
      ) : !doc.data ? (
        <LoadingMark />
      ) : doc.data.document ? (
        <DocumentEditor key={doc.data.document.id} document={doc.data.document} />
      ) : (
        <Empty description={t('documents.none', { unit: unitName, year })}>
          <Space direction="vertical">
            <Button type="primary" loading={create.isPending} onClick={() => create.mutate()} data-testid="create-document">
              {t('documents.create')}
            </Button>
            <Typography.Text type="secondary">{t('documents.createHint')}</Typography.Text>
          </Space>
        </Empty>
      )}
    </div>
  );
}
