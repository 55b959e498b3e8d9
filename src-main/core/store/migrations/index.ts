import type { Migration } from '../migration';
import { migration001 } from './001-core';
import { migration002 } from './002-inventory';
import { migration003 } from './003-ssh';
import { migration004 } from './004-service-env';

/** Every schema step, in order. Versions are 1, 2, 3…; a new step is appended, never edited. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004];
