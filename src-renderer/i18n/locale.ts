import type { Language } from '../../src-main/contract';

/** 'es-ES', 'es_MX.UTF-8', 'es' → Spanish; other real locales → English; 'C'/'POSIX'/'' → null. */
export function languageFromLocale(locale: string | undefined | null): Language | null {
  if (!locale) return null;
  const l = locale.trim().toLowerCase();
  if (!l || l === 'c' || l.startsWith('c.') || l === 'posix') return null;
  return l.startsWith('es') ? 'es' : 'en';
}
