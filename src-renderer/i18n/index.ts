import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { FEATURES } from '../features';
import { en } from './en';
import { zhCN } from './zh-CN';

export type Language = 'zh-CN' | 'en';
const STORAGE_KEY = 'plandesk.language';

export function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this session only.
  }
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/** The shared texts plus every feature's; two owners of one top-level key is a mistake. */
export function allMessages(language: Language, shared: Record<string, object>): Record<string, object> {
  const merged: Record<string, object> = { ...shared };
  for (const feature of FEATURES) {
    for (const [key, value] of Object.entries(feature.messages[language])) {
      if (key in merged) throw new Error(`Message key "${key}" of feature ${feature.name} is defined twice`);
      merged[key] = value;
    }
  }
  return merged;
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: allMessages('zh-CN', zhCN) }, en: { translation: allMessages('en', en) } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export default i18n;
