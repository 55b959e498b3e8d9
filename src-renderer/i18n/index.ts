import { useCallback } from 'react';
import { useLanguage } from '../stores/app-store';
import { translate } from './translate';
import type { MessageKey, TFunction, Vars } from './types';

export type { Dictionary, MessageKey, TFunction, Vars } from './types';
export { translate } from './translate';

/** The translator for the current language (settings, else the OS / browser locale). */
export function useT(): TFunction {
  const lang = useLanguage();
  return useCallback((key: MessageKey, vars?: Vars) => translate(lang, key, vars), [lang]);
}
