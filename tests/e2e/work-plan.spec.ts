/**
 * 工作计划 as a planner uses it: the 2026 plan opens with its headings numbered 一、（一）1. by the
 * page and its live numbers showing the plan's figures; a live number is inserted from the picker;
 * a target changed in 年度目标 changes the sentence at once; a moved section renumbers; the plan is
 * exported as Word (GB/T 9704 DOCX) and PDF with the figures as of today.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { ChannelOutput, LiveNumberAttrs } from '../../src-shared/contract/channels';
import { expect, shot, sized, test, webApi } from './fixtures';

test('work plan: numbered headings, live numbers that follow 年度目标, a number inserted, Word and PDF exported', async ({ page, host }) => {
  await sized(page, 1440, 900);
  const api = webApi(page, host);
  await page.goto(`${host}/#/documents`);
  const editor = page.getByTestId('doc-editor');
  await expect(page.getByTestId('doc-title')).toHaveValue('江城市分公司2026年工作计划');
  // Numbered as the DOCX numbers them, from the headings' order (numberHeadings).
  const label = (selector: string, index: number) => editor.locator(selector).nth(index).locator('.pd-heading-label');
  await expect(editor.locator('h1').first()).toHaveText('一、业务发展与业务收入');
  await expect(label('h1', 2)).toHaveText('三、');
  await expect(label('h2', 1)).toHaveText('（二）');
  await expect(label('h3', 0)).toHaveText('1.');

  // 营业收入's basic completion shows what the plan says now.
  const tree = await api<ChannelOutput<'org/list-tree'>>('org/list-tree', { year: 2026 });
  const company = tree.units.find((u) => u.parentId === null)!;
  const rate: LiveNumberAttrs = { metricId: 'm-revenue', subjectId: company.id, measure: 'basicRate', period: 'ytd' };
  const resolve = async (attrs: LiveNumberAttrs) =>
    (await api<ChannelOutput<'documents/resolve'>>('documents/resolve', { year: 2026, tokens: [attrs] })).values[0].text;
  const revenueRate = editor.locator('[data-testid=live-number][data-metric=m-revenue][data-measure=basicRate]').first();
  await expect(revenueRate).toHaveText(await resolve(rate));
  // The shipped fonts draw the text where the system has no 仿宋 or 微软雅黑 (this machine): the
  // document's body in PlanDesk Serif, the interface in PlanDesk Sans, as the PDF prints them.
  const loadedFamilies = () =>
    page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/["']/g, ''));
    });
  await expect.poll(loadedFamilies).toEqual(expect.arrayContaining(['PlanDesk Serif', 'PlanDesk Sans']));
  await shot(page, 'work-plan');

  // A live number inserted after 工作目标's paragraph: the company's basic target of 营业收入.
  await editor.getByText('在此写出下一年的基本目标和挑战目标。').click();
  await page.keyboard.press('End');
  await page.getByTestId('insert-live-number').click();
  await page.getByTestId('picker-measure').click();
  await page.locator('.ant-select-item-option', { hasText: '基本目标' }).first().click();
  const basic: LiveNumberAttrs = { ...rate, measure: 'basic' };
  await expect(page.getByTestId('picker-preview')).toHaveText(await resolve(basic));
  await shot(page, 'work-plan-picker');
  await page.getByTestId('picker-ok').click();
  const inserted = editor.locator('[data-testid=live-number][data-metric=m-revenue][data-measure=basic]');
  await expect(inserted).toHaveCount(1);
  await expect(inserted).toHaveText(await resolve(basic));
  await expect(page.getByText('已保存')).toBeVisible();

  // 年度目标: the company's basic target of 营业收入 spread as 5,000 万元; the sentence follows.
  const shownBefore = await revenueRate.textContent();
  await api('plan/set-total', { year: 2026, metricId: 'm-revenue', level: 'basic', subjectId: company.id, periodKey: 'total', text: '5000' });
  await expect(inserted).toHaveText('5,000.00 万元');
  await expect(revenueRate).not.toHaveText(shownBefore!);
  await expect(revenueRate).toHaveText(await resolve(rate));

  // Exported as Word and as PDF, both with the inserted figure and the as-of note.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-work-plan-e2e-'));
  const [word] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-docx').click()]);
  const docx = path.join(dir, word.suggestedFilename());
  await word.saveAs(docx);
  expect(docx).toMatch(/\.docx$/);
  const xml = await (await JSZip.loadAsync(fs.readFileSync(docx))).file('word/document.xml')!.async('string');
  expect(xml).toContain('5,000.00 万元');
  expect(xml).toContain('一、业务发展与业务收入');
  expect(xml).toContain('注：文中数据截至');
  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pdf').click()]);
  const pdf = path.join(dir, 'plan.pdf');
  await pdfDownload.saveAs(pdf);
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const expected of ['江城市分公司2026年工作计划', '一、业务发展与业务收入', '5,000.00万元', '（一）工作目标']) expect(text).toContain(expected);
  expect(execFileSync('pdffonts', [pdf], { encoding: 'utf8' })).not.toContain('Type 3');
  await shot(page, 'work-plan-exported');
});

test('work plan measures: owner, deadline and status set on a measure of 具体做法, listed across plans with the overdue ones', async ({ page, host }) => {
  await sized(page, 1280, 720);
  await page.goto(`${host}/#/documents`);
  const measure = page.getByTestId('measure').first();
  await expect(measure.locator('.pd-heading-label')).toHaveText('1.');
  await measure.getByTestId('measure-owner').fill('王建国');
  const deadline = measure.getByTestId('measure-deadline');
  await deadline.click();
  await deadline.fill('2026-11-30');
  await deadline.press('Enter');
  await measure.getByTestId('measure-status').click();
  await page.locator('.ant-select-item-option', { hasText: '进行中' }).click();
  await expect(page.getByText('已保存')).toBeVisible();
  // A second measure, inserted after the first (never splitting it), is numbered 2.
  await measure.locator('.pd-measure-text').click();
  await page.getByTestId('insert-measure').click();
  await page.keyboard.type('加强渠道管理');
  await expect(page.getByTestId('measure').nth(1).locator('.pd-heading-label')).toHaveText('2.');

  await shot(page, 'work-plan-measure-editor');
  await page.getByTestId('open-measures').click();
  const table = page.getByTestId('measures-table');
  await expect(table).toContainText('在此写出措施');
  await expect(table).toContainText('加强渠道管理');
  await page.getByTestId('measures-overdue').click();
  await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(table).toContainText('在此写出措施，并填写负责人、完成时限和进度。');
  await expect(table).toContainText('王建国');
  await expect(table).toContainText('逾期');
  await shot(page, 'work-plan-measures');
});

test('work plan editing keeps every change: a live number copied and pasted keeps its binding, a cleared title does not block saving, leaving at once still saves', async ({
  page,
  host,
}) => {
  await sized(page, 1280, 720);
  const api = webApi(page, host);
  await page.goto(`${host}/#/documents`);
  const editor = page.getByTestId('doc-editor');
  const revenue = editor.locator('[data-testid=live-number][data-metric=m-revenue][data-measure=actual]');
  await expect(revenue).toHaveCount(1);
  // Copied and pasted (through the clipboard's HTML) the number is still bound to 营业收入's actual.
  await revenue.click();
  await page.keyboard.press('Control+C');
  await editor.getByText('在此写出下一年的基本目标和挑战目标。').click();
  await page.keyboard.press('Control+V');
  await expect(revenue).toHaveCount(2);
  await expect(revenue.nth(1)).toHaveText((await revenue.nth(0).textContent())!);
  // The title cleared for a moment: the body still saves, under the last title.
  await page.getByTestId('doc-title').fill('');
  await editor.getByText('在此写出问题及其原因。').click();
  await page.keyboard.type('渠道管理不到位。');
  const tree = await api<ChannelOutput<'org/list-tree'>>('org/list-tree', { year: 2026 });
  const company = tree.units.find((u) => u.parentId === null)!;
  const stored = async () => (await api<ChannelOutput<'documents/get'>>('documents/get', { unitId: company.id, year: 2026 })).document!;
  // Saved a moment after the typing stops.
  await expect.poll(async () => JSON.stringify((await stored()).content)).toContain('渠道管理不到位。');
  expect((await stored()).title).toBe('江城市分公司2026年工作计划');
  expect(JSON.stringify((await stored()).content).match(/"metricId":"m-revenue","subjectId":"[^"]+","measure":"actual"/g)).toHaveLength(2);
  // Typed and left at once, before the save delay: saved on the way out.
  await editor.getByText('渠道管理不到位。').click();
  await page.keyboard.press('End');
  await page.keyboard.type('离开前');
  await page.getByRole('link', { name: '年度目标' }).click();
  await expect.poll(async () => JSON.stringify((await stored()).content)).toContain('离开前');
  await expect(page.locator('.ant-message-error')).toHaveCount(0);

  // A number bound to a metric that no longer exists: red in the text, named in the list above it.
  const doc = await stored();
  const gone = { type: 'liveNumber', attrs: { metricId: 'm-gone', subjectId: company.id, measure: 'actual', period: 'ytd' } };
  await api('documents/save', {
    id: doc.id,
    title: doc.title,
    content: { ...doc.content, content: [...doc.content.content, { type: 'paragraph', content: [{ type: 'text', text: '旧指标：' }, gone] }] },
  });
  await page.goto(`${host}/#/documents`);
  await page.reload();
  await expect(page.getByTestId('broken-numbers')).toContainText('有 1 个实时数字已失效');
  await expect(page.getByTestId('broken-numbers')).toContainText('m-gone · 江城市分公司 · 实际 · 年初至今：该指标已不存在');
  await expect(editor.locator('.pd-live-broken')).toHaveText('【数据已失效】');
});

test('work plan: # finds a live number by its names — a month’s figure — inserted, and following a spread of that month', async ({ page, host }) => {
  await sized(page, 1440, 900);
  const api = webApi(page, host);
  await page.goto(`${host}/#/documents`);
  const editor = page.getByTestId('doc-editor');
  await editor.getByText('在此写出下一年的基本目标和挑战目标。').click();
  await page.keyboard.press('End');
  await page.keyboard.type('#');
  const search = page.getByTestId('picker-search').locator('input');
  await expect(search).toBeFocused();
  await page.keyboard.type('营业收入 基本目标 10月');
  const tree = await api<ChannelOutput<'org/list-tree'>>('org/list-tree', { year: 2026 });
  const company = tree.units.find((u) => u.parentId === null)!;
  const october: LiveNumberAttrs = { metricId: 'm-revenue', subjectId: company.id, measure: 'basic', period: '2026-10' };
  const shown = (await api<ChannelOutput<'documents/resolve'>>('documents/resolve', { year: 2026, tokens: [october] })).values[0].text;
  await expect(page.getByTestId('picker-preview')).toHaveText(shown);
  await shot(page, 'work-plan-find-by-name');
  await page.keyboard.press('Enter');
  const inserted = editor.locator('[data-testid=live-number][data-metric=m-revenue][data-measure=basic][data-period="2026-10"]');
  await expect(inserted).toHaveText(shown);
  // No # was typed into the text.
  await expect(editor).not.toContainText('#');
  await expect(page.getByText('已保存')).toBeVisible();
  await api('plan/set-total', { year: 2026, metricId: 'm-revenue', level: 'basic', subjectId: company.id, periodKey: '2026-10', text: '3000' });
  await expect(inserted).toHaveText('3,000.00 万元');
});

test('work plan: a save made elsewhere (another window) shows in the open editor', async ({ page, host }) => {
  await sized(page, 1280, 720);
  const api = webApi(page, host);
  await page.goto(`${host}/#/documents`);
  const editor = page.getByTestId('doc-editor');
  await expect(editor.locator('h1').first()).toHaveText('一、业务发展与业务收入');
  const tree = await api<ChannelOutput<'org/list-tree'>>('org/list-tree', { year: 2026 });
  const company = tree.units.find((u) => u.parentId === null)!;
  const { document } = await api<ChannelOutput<'documents/get'>>('documents/get', { unitId: company.id, year: 2026 });
  const content = structuredClone(document!.content);
  content.content.unshift({ type: 'paragraph', content: [{ type: 'text', text: '（另一窗口补充的一段说明）' }] });
  await api('documents/save', { id: document!.id, title: '江城市分公司2026年工作计划（修订）', content });
  await expect(editor.locator('p').first()).toHaveText('（另一窗口补充的一段说明）');
  await expect(page.getByTestId('doc-title')).toHaveValue('江城市分公司2026年工作计划（修订）');
  // Typing here afterwards saves on top of it, keeping the other window's paragraph.
  await editor.locator('p').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type('已阅');
  await expect(page.getByText('已保存')).toBeVisible();
  await expect
    .poll(async () =>
      JSON.stringify((await api<ChannelOutput<'documents/get'>>('documents/get', { unitId: company.id, year: 2026 })).document!.content.content[0]),
    )
    .toContain('（另一窗口补充的一段说明）已阅');
  // Undo takes back what was typed here, never the other window's paragraph.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Control+z');
  await expect(editor.locator('p').first()).toHaveText('（另一窗口补充的一段说明）');
});
