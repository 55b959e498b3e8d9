import { describe, expect, it } from 'vitest';
import { en } from '../../../src-renderer/i18n/en';
import { es } from '../../../src-renderer/i18n/es';
import { languageFromLocale } from '../../../src-renderer/i18n/locale';
import { translate } from '../../../src-renderer/i18n/translate';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('Spanish has exactly the keys of English', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it('every translation uses the same {placeholders} as English', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(es[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('no text is empty except placeholders meant to be empty', () => {
    for (const [key, value] of [...Object.entries(en), ...Object.entries(es)]) {
      if (key.endsWith('.placeholder')) continue;
      expect(value.trim(), key).not.toBe('');
    }
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'project.edit', { name: 'shop' })).toBe('Edit project shop');
    expect(translate('es', 'project.edit', { name: 'shop' })).toBe('Editar el proyecto shop');
    expect(translate('en', 'project.edit')).toBe('Edit project {name}');
  });
});

describe('languageFromLocale', () => {
  it('maps Spanish locales to es, others to en, and C/POSIX to no opinion', () => {
    expect(languageFromLocale('es-ES')).toBe('es');
    expect(languageFromLocale('es_MX.UTF-8')).toBe('es');
    expect(languageFromLocale('en-US')).toBe('en');
    expect(languageFromLocale('de-DE')).toBe('en');
    expect(languageFromLocale('C')).toBeNull();
    expect(languageFromLocale('C.UTF-8')).toBeNull();
    expect(languageFromLocale('POSIX')).toBeNull();
    expect(languageFromLocale('')).toBeNull();
  });
});
