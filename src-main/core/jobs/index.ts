export {
  JobRunner,
  toErrorShape,
  INTERRUPTED_MESSAGE,
  type JobContext,
  type JobRun,
  type JobSpec,
  type JobFactory,
  type JobRunnerOptions,
  type JobLogLevel,
} from './job-runner';
export { JobStore } from './job-store';
