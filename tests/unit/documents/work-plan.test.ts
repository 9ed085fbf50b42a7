/**
 * 工作计划 documents on the sample workspace, through dispatch: the official numbering (and its
 * renumbering when a section moves), live numbers equal to 年度目标's and 进度跟踪's figures after an
 * edit in 年度目标 and after a spread in 目标分解, broken numbers shown and listed, and the DOCX read
 * back against GB/T 9704-2012's numbers (page, margins, fonts, sizes, page numbers, header rows),
 * then converted by LibreOffice with its Chinese text and numbering intact.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { REPORTS } from '../../../src-main/core/app';
import { createCaller } from '../../../src-main/core/dispatch';
import type { DocumentContent, LiveNumberAttrs } from '../../../src-shared/contract/channels';
import { chineseNumeral, circledNumeral, numberHeadings } from '../../../src-shared/domain/official-numbering';
import { tableGrid } from '../../../src-main/core/documents/document-blocks';
import { codePointsOf } from '../../../src-main/core/reports/html/shipped-fonts';
import type { TextSection } from '../../../src-shared/reports/report-model';
import { sampleWorkspacePerTest } from '../helpers/workspace';

const openSample = sampleWorkspacePerTest();
const YEAR = 2026;

async function setUp() {
  const ws = await openSample();
  const call = createCaller(ws);
  const tree = await call('org/list-tree', { year: YEAR });
  const company = tree.units.find((u) => u.parentId === null && u.name === '江城市分公司')!;
  const { document } = await call('documents/get', { unitId: company.id, year: YEAR });
  return { ws, call, tree, company, document: document! };
}

const live = (content: DocumentContent): LiveNumberAttrs[] =>
  content.content
    .flatMap((b) => (b.type === 'paragraph' || b.type === 'heading' ? (b.content ?? []) : []))
    .flatMap((n) => (n.type === 'liveNumber' ? [n.attrs] : []));

describe('official numbering', () => {
  it('counts 一、（一）1.（1）① under the heading above, in Chinese and circled numerals', () => {
    expect(numberHeadings([1, 2, 2, 3, 3, 4, 5, 5, 1, 3, 2])).toEqual(['一、', '（一）', '（二）', '1.', '2.', '（1）', '①', '②', '二、', '1.', '（一）']);
    expect([1, 9, 10, 11, 20, 21, 99].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '二十', '二十一', '九十九']);
    expect([1, 20, 21, 36, 50].map(circledNumeral)).toEqual(['①', '⑳', '㉑', '㊱', '㊿']);
  });
});

describe('printing helpers', () => {
  it('spreads merged cells over the grid, and reads a page’s characters without decoding twice', () => {
    const c = (text: string, colspan = 1, rowspan = 1) => ({ text, colspan, rowspan });
    expect(
      tableGrid([
        [c('指标', 1, 2), c('目标', 2)],
        [c('基本'), c('挑战')],
        [c('收入'), c('10'), c('12')],
      ]),
    ).toEqual([
      ['指标', '目标', ''],
      ['', '基本', '挑战'],
      ['收入', '10', '12'],
    ]);
    // escapeHtml writes a typed "&#x110000;" as "&#38;#x110000;": one & and its letters, no code point out of range.
    const points = codePointsOf('<p>&#38;#x110000; 计划</p>');
    expect(new Set([...points].map((p) => String.fromCodePoint(p)))).toEqual(new Set([...' &#x110000;计划']));
  });
});

describe('the 工作计划 document', () => {
  it('opens on the sample’s document, started from the template with its live numbers in place', async () => {
    const { call, company, document } = await setUp();
    expect(document.title).toBe('江城市分公司2026年工作计划');
    const headings = document.content.content.filter((b) => b.type === 'heading');
    expect(headings.length).toBeGreaterThanOrEqual(6);
    const tokens = live(document.content);
    expect(tokens.length).toBeGreaterThan(20);
    expect(tokens.every((t) => t.subjectId === company.id)).toBe(true);
    const { values } = await call('documents/resolve', { year: YEAR, tokens });
    expect(values.every((v) => v.broken === null)).toBe(true);
    // 营业收入's actual prints as the targets report's sentence does.
    const report = await REPORTS.targets.build((await setUp()).ws, { year: YEAR });
    const sentence = (report.sections[0] as TextSection).paragraphs[0];
    expect(sentence).toContain(values[0].text);
  });

  it('a live number equals the plan after an edit in 年度目标 and after a spread in 目标分解', async () => {
    const { call, tree, company } = await setUp();
    const basic: LiveNumberAttrs = { metricId: 'm-revenue', subjectId: company.id, measure: 'basic', period: 'ytd' };
    // 进度跟踪's summary keeps amounts as integers scaled by the metric's precision (2: 万元 to 0.01).
    const tracked = async () => (await call('tracking/get-summary', { year: YEAR, metricId: 'm-revenue', subjectId: company.id })).basicTarget / 100;
    const resolved = async () => (await call('documents/resolve', { year: YEAR, tokens: [basic] })).values[0].value;
    expect(await resolved()).toBe(await tracked());
    const before = (await resolved())!;
    // 年度目标: one person's basic target typed as 100 万元.
    const person = tree.people.find((p) => p.role === '客户经理')!;
    const personBasic = (await call('documents/resolve', { year: YEAR, tokens: [{ ...basic, subjectId: person.id }] })).values[0].value!;
    await call('targets/save-cells', { year: YEAR, changes: [{ metricId: 'm-revenue', subjectId: person.id, measure: 'basic', text: '100' }] });
    expect(await resolved()).toBeCloseTo(before - personBasic + 100, 6);
    expect(await resolved()).toBe(await tracked());
    // 目标分解: the company's year spread to a new total.
    await call('plan/set-total', { year: YEAR, metricId: 'm-revenue', level: 'basic', subjectId: company.id, periodKey: 'total', text: '5000' });
    expect(await resolved()).toBeCloseTo(5000, 6);
    expect(await resolved()).toBe(await tracked());
  });

  it('renumbers when a section moves, and shows a number whose metric is gone as broken', async () => {
    const { ws, call, document } = await setUp();
    const blocks = document.content.content;
    const problems = blocks.findIndex((b) => b.type === 'heading' && b.content?.[0]?.type === 'text' && b.content[0].text === '存在的问题');
    const next = blocks.findIndex((b, i) => i > problems && b.type === 'heading' && b.attrs.level === 1);
    // 二、存在的问题 (with its items) moved to the top; a number bound to a metric that no longer exists.
    const moved = [...blocks.slice(problems, next), ...blocks.slice(0, problems), ...blocks.slice(next)];
    moved.push({
      type: 'paragraph',
      content: [
        { type: 'text', text: '旧指标：' },
        { type: 'liveNumber', attrs: { metricId: 'm-gone', subjectId: document.unitId, measure: 'actual', period: 'ytd' } },
      ],
    });
    await call('documents/save', { id: document.id, title: document.title, content: { type: 'doc', content: moved } });
    const report = await REPORTS['work-plan'].build(ws, { year: YEAR });
    const titles = report.sections.filter((s): s is TextSection => s.kind === 'text' && !!s.title).map((s) => s.title);
    expect(titles).toEqual(['一、存在的问题', '二、业务发展与业务收入', '三、2027年工作目标']);
    const text = report.sections.flatMap((s) => (s.kind === 'text' ? s.paragraphs : [])).join('\n');
    expect(text).toContain('旧指标：【数据已失效】');
    expect(text).toContain('（一）工作目标');
    const { values } = await call('documents/resolve', {
      year: YEAR,
      tokens: [{ metricId: 'm-gone', subjectId: document.unitId, measure: 'actual', period: 'ytd' }],
    });
    expect(values[0].broken).toBe('unknown-metric');
  });

  it('numbers measures as 1. 2. under their section, and lists them across documents by owner and overdue', async () => {
    const { ws, call, tree, document } = await setUp();
    const measure = (text: string, owner: string | null, deadline: string | null, status: 'not-started' | 'in-progress' | 'done' | 'delayed') => ({
      type: 'measure' as const,
      attrs: { owner, deadline, status },
      content: [{ type: 'text' as const, text }],
    });
    const blocks = document.content.content.filter((b) => b.type !== 'measure');
    const content = {
      type: 'doc' as const,
      content: [
        ...blocks,
        measure('巩固集团客户市场', '王建国', '2026-10-31', 'in-progress'),
        measure('提高欠费回收率', '李晓燕', '2026-12-31', 'not-started'),
        measure('完成渠道检查', '王建国', '2026-09-30', 'done'),
      ],
    };
    await call('documents/save', { id: document.id, title: document.title, content });
    // A second document, of a branch, with one overdue measure.
    const branch = tree.units.find((u) => u.name === '东湖县分公司')!;
    const other = await call('documents/create', { unitId: branch.id, year: YEAR });
    await call('documents/save', {
      id: other.id,
      title: other.title,
      content: { type: 'doc', content: [measure('扩大农村市场', '王建国', '2026-06-30', 'delayed')] },
    });

    const all = await call('documents/list-measures', { year: YEAR });
    // FIXED_NOW is 2026-11-26: 10-31 and 06-30 have passed; a done measure is never overdue.
    expect(all.measures.map((m) => [m.unitName, m.section, m.label, m.text, m.owner, m.overdue])).toEqual([
      ['江城市分公司', '三、2027年工作目标', '1.', '巩固集团客户市场', '王建国', true],
      ['江城市分公司', '三、2027年工作目标', '2.', '提高欠费回收率', '李晓燕', false],
      ['江城市分公司', '三、2027年工作目标', '3.', '完成渠道检查', '王建国', false],
      ['东湖县分公司', '', '1.', '扩大农村市场', '王建国', true],
    ]);
    // The company before its branch, as the organisation lists them.
    expect((await call('documents/list-measures', { owner: '王建国', overdue: true })).measures.map((m) => m.text)).toEqual([
      '巩固集团客户市场',
      '扩大农村市场',
    ]);
    // Printed with their numbers and state.
    const report = await REPORTS['work-plan'].build(ws, { year: YEAR });
    const text = report.sections.flatMap((s) => (s.kind === 'text' ? s.paragraphs : [])).join('\n');
    expect(text).toContain('1.巩固集团客户市场（负责人：王建国；完成时限：2026-10-31；进行中）');
    expect(text).toContain('3.完成渠道检查（负责人：王建国；完成时限：2026-09-30；已完成）');
  });

  it('refuses content the editor cannot hold, and a unit that is not in the year', async () => {
    const { call, document } = await setUp();
    const bad = { type: 'doc', content: [{ type: 'script', text: 'alert(1)' }] } as unknown as DocumentContent;
    await expect(call('documents/save', { id: document.id, title: document.title, content: bad })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(call('documents/get', { unitId: 'u-none', year: YEAR })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the DOCX, by GB/T 9704-2012', () => {
  async function docx(on?: Awaited<ReturnType<typeof setUp>>['call']) {
    const call = on ?? (await setUp()).call;
    const result = await call('reports/export', { report: 'work-plan', format: 'docx', jobId: 'docx', year: YEAR });
    const bytes = Buffer.from(result.base64!, 'base64');
    const zip = await JSZip.loadAsync(bytes);
    const part = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
    return {
      bytes,
      result,
      document: await part('word/document.xml'),
      settings: await part('word/settings.xml'),
      footers: [await part('word/footer1.xml'), await part('word/footer2.xml')],
    };
  }

  it('is A4 with 天头 37 mm, 订口 28 mm and a 156 × 225 mm text area, 22 lines a page', async () => {
    const { document, result } = await docx();
    expect(result.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    const margin = /<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"/.exec(document)!.slice(1).map(Number);
    const mm = (twips: number) => (twips / 1440) * 25.4;
    const [top, right, bottom, left] = margin.map(mm);
    expect(top).toBeCloseTo(37, 1);
    expect(left).toBeCloseTo(28, 1);
    expect(210 - left - right).toBeCloseTo(156, 1);
    expect(297 - top - bottom).toBeCloseTo(225, 1);
    const pitch = Number(/<w:docGrid w:type="lines" w:linePitch="(\d+)"/.exec(document)![1]);
    expect(Math.floor((297 - top - bottom) / mm(pitch))).toBe(22);
  });

  it('sets the title in 二号 小标宋, the body in 三号 仿宋 indented 2 characters, levels 一 黑体 and （一） 楷体, no bold', async () => {
    const { document } = await docx();
    const paragraphs = document.split('<w:p>').slice(1);
    const of = (text: string) => paragraphs.find((p) => p.includes(text))!;
    expect(of('江城市分公司2026年工作计划')).toMatch(/<w:jc w:val="center"\/>/);
    expect(of('江城市分公司2026年工作计划')).toMatch(/w:eastAsia="方正小标宋简体"[\s\S]*<w:sz w:val="44"\/>/);
    expect(of('一、业务发展与业务收入')).toMatch(/w:eastAsia="黑体"[\s\S]*<w:sz w:val="32"\/>/);
    expect(of('（一）工作目标')).toMatch(/w:eastAsia="楷体_GB2312"/);
    expect(of('1.在此写出问题')).toMatch(/w:eastAsia="仿宋_GB2312"/);
    const body = of('营业收入今年以来完成');
    expect(body).toMatch(/w:eastAsia="仿宋_GB2312"[\s\S]*<w:sz w:val="32"\/>/);
    expect(body).toContain('<w:ind w:firstLine="640"/>');
    expect(body).toMatch(/<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>/);
    // 28 characters of 16 pt in the 156 mm line: 0.25 pt closer each.
    expect(body).toContain('<w:spacing w:val="-5"/>');
    expect(28 * (16 - 0.25) * (25.4 / 72)).toBeLessThanOrEqual(156);
    expect(document).not.toMatch(/<w:b\/>|<w:b w:val="(true|1)"\/>/);
    expect(document).toContain('注：文中数据截至 2026 年 11 月 26 日');
  });

  it('numbers pages "— 1 —" in 四号 宋体, odd pages right and even pages left, one character in', async () => {
    const { settings, footers, document } = await docx();
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    expect(document).toMatch(/<w:footerReference w:type="default"[\s\S]*<w:footerReference w:type="even"/);
    const [odd, even] = footers;
    for (const footer of footers) {
      expect(footer).toContain('— ');
      expect(footer).toContain(' —');
      expect(footer).toMatch(/PAGE/);
      expect(footer).toMatch(/w:eastAsia="宋体"[\s\S]*<w:sz w:val="28"\/>/);
    }
    expect(odd).toMatch(/<w:jc w:val="right"\/>/);
    expect(odd).toContain('w:right="280"');
    expect(even).toMatch(/<w:jc w:val="left"\/>/);
    expect(even).toContain('w:left="280"');
  });

  it('repeats a table’s header rows on every page (w:tblHeader) and keeps its cells’ text', async () => {
    const { call, document } = await setUp();
    const cell = (type: 'tableHeader' | 'tableCell', text: string) => ({
      type,
      attrs: { colspan: 1, rowspan: 1, colwidth: null },
      content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }],
    });
    const table = {
      type: 'table' as const,
      content: [
        { type: 'tableRow' as const, content: [cell('tableHeader', '指标'), cell('tableHeader', '基本目标')] },
        { type: 'tableRow' as const, content: [{ ...cell('tableCell', '合并的一行'), attrs: { colspan: 2, rowspan: 1, colwidth: null } }] },
        ...Array.from({ length: 40 }, (_, i) => ({
          type: 'tableRow' as const,
          content: [cell('tableCell', `指标${i + 1}`), cell('tableCell', String(i * 10))],
        })),
      ],
    };
    await call('documents/save', { id: document.id, title: document.title, content: { type: 'doc', content: [...document.content.content, table] } });
    const { document: xml } = await docx(call);
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(xml).toContain('指标40');
    // The merged cell spans both columns.
    expect(xml).toMatch(/<w:gridSpan w:val="2"\/>[\s\S]*合并的一行/);
    const { document: saved } = await call('documents/get', { unitId: document.unitId, year: YEAR });
    // The cells' attributes the editor writes (colspan, rowspan, colwidth) come back as saved.
    const savedTable = saved!.content.content.at(-1) as typeof table;
    expect(savedTable.content[0].content[0].attrs).toEqual({ colspan: 1, rowspan: 1, colwidth: null });
  });

  it('is the one report written as Word; asking another for DOCX is refused, saying what it is written in', async () => {
    const { call } = await setUp();
    const list = await call('reports/list', {});
    expect(list.filter((r) => r.formats.includes('docx')).map((r) => r.id)).toEqual(['work-plan']);
    await expect(call('reports/export', { report: 'targets', format: 'docx', jobId: 'nope', year: YEAR })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { reason: 'format-unsupported', zh: '「年度目标完成情况表」不能导出为 DOCX，可导出 PDF、XLSX' },
    });
  });

  const soffice = (() => {
    try {
      execFileSync('soffice', ['--version'], { stdio: 'ignore' });
      execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  if (!soffice) console.warn('work-plan LibreOffice test skipped: soffice (libreoffice-writer-nogui) or pdftotext not found');

  it.skipIf(!soffice)(
    'opens in LibreOffice and prints with its Chinese text and numbering intact',
    async () => {
      const { bytes } = await docx();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-work-plan-'));
      const file = path.join(dir, 'plan.docx');
      fs.writeFileSync(file, bytes);
      execFileSync('soffice', [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
        stdio: 'ignore',
        timeout: 120_000,
      });
      const text = execFileSync('pdftotext', [path.join(dir, 'plan.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const expected of [
        '江城市分公司2026年工作计划',
        '一、业务发展与业务收入',
        '二、存在的问题',
        '三、2027年工作目标',
        '（一）工作目标',
        '（二）具体做法',
        '营业收入今年以来完成',
        '—1—',
      ])
        expect(text).toContain(expected);
    },
    180_000,
  );
});
