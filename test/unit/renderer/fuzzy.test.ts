import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from '../../../src-renderer/features/palette/fuzzy';

describe('fuzzy matching for the command palette', () => {
  it('matches characters in order, anywhere', () => {
    expect(fuzzyScore('gtinv', 'Go to Inventory')).not.toBeNull();
    expect(fuzzyScore('xyz', 'Go to Inventory')).toBeNull();
    expect(fuzzyScore('', 'anything')).toBe(0);
  });

  it('ranks word starts and runs above scattered matches', () => {
    const items = ['backup-leads-db', 'db-1', 'deploy dashboard'];
    expect(fuzzyFilter(items, 'db', (s) => s)[0]).toBe('db-1');
  });

  it('puts matches on the label before matches that need the detail', () => {
    const items = [
      { label: 'Create environment', detail: 'IA Comercial' },
      { label: 'IA Comercial', detail: 'Project' },
    ];
    const out = fuzzyFilter(items, 'ia com', (a) => a.label, (a) => `${a.label} ${a.detail}`);
    expect(out.map((a) => a.label)).toEqual(['IA Comercial', 'Create environment']);
  });
});
