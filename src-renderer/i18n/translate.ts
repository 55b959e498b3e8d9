import type { Language } from '../../src-main/contract';
import { en } from './en';
import { es } from './es';
import type { Dictionary, MessageKey, Vars } from './types';

export const dictionaries: Record<Language, Dictionary> = { en, es };

/** The text for a key in a language, with {name} placeholders filled in. */
export function translate(lang: Language, key: MessageKey, vars?: Vars): string {
  const text = dictionaries[lang][key] ?? en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
