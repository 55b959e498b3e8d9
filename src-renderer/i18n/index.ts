import { useCallback } from 'react';
import type { Language } from '../../src-main/contract';
import { useLanguage } from '../stores/app-store';
import { en } from './en';
import { es } from './es';

export type MessageKey = keyof typeof en;
/** Every language must carry every key of English, and nothing else. */
export type Dictionary = Record<MessageKey, string>;
export type Vars = Record<string, string | number>;
export type TFunction = (key: MessageKey, vars?: Vars) => string;

const dictionaries: Record<Language, Dictionary> = { en, es };

export function translate(lang: Language, key: MessageKey, vars?: Vars): string {
  const text = dictionaries[lang][key] ?? en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The translator for the current language (settings, else the OS / browser locale). */
export function useT(): TFunction {
  const lang = useLanguage();
  return useCallback((key: MessageKey, vars?: Vars) => translate(lang, key, vars), [lang]);
}

/** Chooses the singular or plural key by count. */
export function plural(t: TFunction, count: number, one: MessageKey, many: MessageKey): string {
  return t(count === 1 ? one : many, { n: count });
}
