/** The translate function for the current language. */
import { useMemo } from 'react';
import type { Language } from '../../../shared/api.js';
import { usePreferences } from '../stores/context.js';
import { languageFromLocale, translator, type Translate } from './i18n.js';

export function useLanguage(): Language {
  const chosen = usePreferences((s) => s.prefs?.language);
  return chosen ?? languageFromLocale(typeof navigator === 'undefined' ? undefined : navigator.language);
}

export function useT(): Translate {
  const language = useLanguage();
  return useMemo(() => translator(language), [language]);
}
