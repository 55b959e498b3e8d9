import { describe, expect, it } from 'vitest';
import { translate } from '../../../src-renderer/i18n/translate';
import type { MessageKey, Vars } from '../../../src-renderer/i18n/types';
import { issuesOf, translateIssue } from '../../../src-renderer/i18n/validation';

const es = (key: MessageKey, vars?: Vars) => translate('es', key, vars);
const en = (key: MessageKey, vars?: Vars) => translate('en', key, vars);

describe('translateIssue', () => {
  it('turns zod and contract messages into the user language', () => {
    const big = { path: 'port', message: 'Too big: expected number to be <=65535' };
    expect(translateIssue(big, en)).toBe('Must be at most 65535');
    expect(translateIssue(big, es)).toBe('Debe ser como máximo 65535');
    expect(translateIssue({ path: 'port', message: 'Too small: expected number to be >=1' }, es)).toBe('Debe ser como mínimo 1');
    expect(translateIssue({ path: 'name', message: 'must not be empty' }, es)).toBe('No puede estar vacío');
    expect(translateIssue({ path: 'name', message: 'Too small: expected string to have >=1 characters' }, en)).toBe('Must not be empty');
    expect(translateIssue({ path: 'address', message: 'must be a host name or an IP address' }, es)).toBe('Debe ser un nombre de host o una dirección IP');
    expect(translateIssue({ path: 'port', message: 'Invalid input: expected number, received string' }, en)).toBe('Must be a number');
    expect(translateIssue({ path: 'config.url', message: 'Invalid URL' }, es)).toMatch(/URL completa/);
  });

  it('leaves messages it does not know as the core wrote them', () => {
    expect(translateIssue({ path: 'x', message: 'Something specific happened' }, es)).toBe('Something specific happened');
  });
});

describe('issuesOf', () => {
  it('reads the issues of a VALIDATION error and ignores anything malformed', () => {
    expect(issuesOf({ issues: [{ path: 'port', code: 'too_big', message: 'm' }, { nope: 1 }, null] })).toEqual([
      { path: 'port', code: 'too_big', message: 'm' },
    ]);
    expect(issuesOf(undefined)).toEqual([]);
    expect(issuesOf({ issues: 'x' })).toEqual([]);
  });
});
