/**
 * Punctuation that follows the UI language: full-width in Chinese (名称（单位）, 工作区：文件),
 * half-width in English (Name (unit), Workspace: file). Read at render time from i18next, so a
 * component that re-renders on a language change (useTranslation) gets the right form.
 */
import i18n from 'i18next';

const english = () => i18n.language === 'en';

/** `营业收入（万元）` / `Revenue (10k yuan)`. */
export function withParens(text: string, inner: string): string {
  return english() ? `${text} (${inner})` : `${text}（${inner}）`;
}

/** `工作区：a.plandesk` / `Workspace: a.plandesk`. */
export function withColon(label: string, value: string | number = ''): string {
  return english() ? `${label}: ${value}` : `${label}：${value}`;
}
