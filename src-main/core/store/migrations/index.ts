import type { Migration } from '../migration';
import { migration001 } from './001-core';
import { migration002 } from './002-inventory';
import { migration003 } from './003-ssh';
import { migration004 } from './004-service-env';
import { migration005 } from './005-metrics';
import { migration006 } from './006-health';
import { migration007 } from './007-logs';

/** Every schema step, in order. Versions are 1, 2, 3…; a new step is appended, never edited. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007];
