/**
 * The edit log's refusals as the user reads them, in both languages: a redo says 无法重做 /
 * "Cannot redo" (not 无法撤销), and a refusal for locks names each lock's subject and period.
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { allMessages } from '../../../src-renderer/i18n';
import { en } from '../../../src-renderer/i18n/en';
import { zhCN } from '../../../src-renderer/i18n/zh-CN';
import { conflictText } from '../../../src-renderer/shell/error-text';

async function translator(lng: 'zh-CN' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { 'zh-CN': { translation: allMessages('zh-CN', zhCN) }, en: { translation: allMessages('en', en) } },
    lng,
    interpolation: { escapeValue: false },
  });
  return i18n.t.bind(i18n);
}

describe('the text of an undo or redo refused by the edit log', () => {
  it('says undo or redo as the case is, in Chinese and in English', async () => {
    const zh = await translator('zh-CN');
    const english = await translator('en');
    expect(conflictText({ direction: 'undo', conflicts: 3 }, zh, false)).toMatch(/^无法撤销：.*3 处/);
    expect(conflictText({ direction: 'redo', conflicts: 3 }, zh, false)).toMatch(/^无法重做：.*3 处/);
    expect(conflictText({ direction: 'redo', conflicts: 3 }, english, true)).toMatch(/^Cannot redo: .*\(3\)/);
    expect(conflictText({ direction: 'undo', conflicts: 2 }, english, true)).toMatch(/^Cannot undo: /);
  });

  it('names the locks that hold', async () => {
    const locks = [{ subjectName: '张三', periodLabel: { zh: '3月', en: 'Mar' } }];
    expect(conflictText({ direction: 'redo', reason: 'locked', locks }, await translator('zh-CN'), false)).toBe(
      '无法重做：这一步会改动之后锁定的数字（张三 3月），请先解锁',
    );
    expect(conflictText({ direction: 'undo', reason: 'locked', locks }, await translator('en'), true)).toBe(
      'Cannot undo: this step would change figures locked since (张三 Mar); unlock them first',
    );
  });
});
