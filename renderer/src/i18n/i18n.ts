/** Picks the strings for the language in Preferences (the engine defaults it from the OS locale). */
import type { Language } from '../../../shared/api.js';
import { en, type MessageKey } from './en.js';
import { zhCN } from './zh-CN.js';

export type Translate = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;

const tables: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, 'zh-CN': zhCN };

/** An engine refusal shown by a field: prefixed with "Not saved:" unless the engine already says so. */
export function notSaved(t: Translate, message: string): string {
  return /not (been )?saved|未保存/i.test(message) ? message : `${t('notSaved')}${message}`;
}

/** The browser's language as a fallback until Preferences arrive. */
export function languageFromLocale(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function translator(language: Language): Translate {
  const table = tables[language];
  return (key, vars) => {
    const text = table[key] ?? en[key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}
