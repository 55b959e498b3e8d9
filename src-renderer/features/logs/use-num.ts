import { useCallback } from 'react';
import { useLanguage } from '../../stores/app-store';

/** Whole numbers grouped the way the UI's language writes them (12,345 / 12.345). */
export function useNum(): (n: number) => string {
  const lang = useLanguage();
  return useCallback((n: number) => n.toLocaleString(lang === 'es' ? 'es-ES' : 'en-US'), [lang]);
}
