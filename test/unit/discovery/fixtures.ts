import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(__dirname, '..', '..', 'fixtures', 'discovery');

/** A captured command output from test/fixtures/discovery. */
export function fixture(name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}
