import { realTimers, type SchedulerTimers } from '../metrics/poll-scheduler';

/**
 * Time as the monitor sees it: the system clock in the app, a fake one in timeline tests, so a
 * test can run hours of checks in milliseconds and jump the clock like a laptop waking up.
 * The same clock and timers the metrics poll scheduler runs on.
 */
export type Clock = SchedulerTimers;

/** The real clock; timers are unref'd so a pending check never keeps the process alive. */
export const systemClock: Clock = realTimers;
