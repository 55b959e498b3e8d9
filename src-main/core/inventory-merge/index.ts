export { createInventoryMerge, environmentKindFor, type InventoryMerge } from './apply-merge';
export { computeMerge, defaultSelection, DEFAULT_ENVIRONMENT, type MergeSnapshot } from './plan-merge';
export { createEnvVarRepository, type ServiceEnvVar } from './env-var-repository';
