import { useCallback } from 'react';
import { useLanguage } from '../stores/app-store';

/** Local date-time in the UI language, e.g. "23/11/2026, 10:43:05". */
export function useFormatTime() {
  const lang = useLanguage();
  return useCallback(
    (iso: string | null | undefined) => {
      if (!iso) return '';
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return iso;
      return new Intl.DateTimeFormat(lang === 'es' ? 'es-ES' : 'en-GB', {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }).format(d);
    },
    [lang],
  );
}
