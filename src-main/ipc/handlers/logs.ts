import type { Core } from '../../core/create-core';
import type { Handlers } from '../types';
import { createAnalyzeFileHandler } from './logs-analyze';

/** `logs.sources` (the logs a service or host offers, core/logs/sources.ts) and `logs.analyzeFile`. */
export function createLogHandlers(core: Core): Pick<Handlers, 'logs.sources' | 'logs.analyzeFile'> {
  return {
    'logs.sources': (input) => core.logs.sources(input),
    ...createAnalyzeFileHandler(core),
  };
}
