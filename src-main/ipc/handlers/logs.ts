import { AppError } from '../../contract';
import type { Core } from '../../core/create-core';
import type { Handlers } from '../types';

const notYet = (): never => {
  throw new AppError('INTERNAL', 'Logs are not built yet.', 'Update Opsdeck.');
};

export function createLogHandlers(_core: Core): Pick<Handlers, 'logs.sources' | 'logs.analyzeFile'> {
  return { 'logs.sources': notYet, 'logs.analyzeFile': notYet };
}
