import type Database from 'better-sqlite3';
import type { MetricTarget, MetricThreshold } from '../../contract/metrics';
import { familyInfo, familyOf } from './metric-families';

/** A user's threshold for one family of one target; null clears it (back to the default). */
export type ThresholdOverride = { value: number; direction: 'above' | 'below'; alert: boolean } | null;

interface Row {
  family: string;
  value: number;
  direction: 'above' | 'below';
  alert: number;
}

/**
 * Thresholds per target and family: the seeds' defaults (metric-families.ts) unless the user
 * set one (`metric_thresholds`).
 */
export class Thresholds {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      forTarget: db.prepare<[string, string], Row>('SELECT family, value, direction, alert FROM metric_thresholds WHERE target_kind = ? AND target_id = ?'),
      upsert: db.prepare<[string, string, string, number, string, number]>(
        'INSERT OR REPLACE INTO metric_thresholds (target_kind, target_id, family, value, direction, alert) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      remove: db.prepare<[string, string, string]>('DELETE FROM metric_thresholds WHERE target_kind = ? AND target_id = ? AND family = ?'),
      removeTarget: db.prepare<[string, string]>('DELETE FROM metric_thresholds WHERE target_kind = ? AND target_id = ?'),
    };
  }

  /** The user's overrides of a target, by family. */
  overrides(target: MetricTarget): Map<string, MetricThreshold> {
    return new Map(
      this.q.forTarget.all(target.kind, target.id).map((r) => [r.family, { value: r.value, direction: r.direction, alert: r.alert === 1, origin: 'user' as const }]),
    );
  }

  /** The threshold that applies to a key of a target: the user's, else the default, else null. */
  forKey(target: MetricTarget, key: string, overrides = this.overrides(target)): MetricThreshold | null {
    const family = familyOf(key);
    const user = overrides.get(family);
    if (user) return user;
    const def = familyInfo(family)?.threshold;
    return def ? { ...def, origin: 'default' } : null;
  }

  set(target: MetricTarget, family: string, threshold: ThresholdOverride): void {
    if (threshold === null) this.q.remove.run(target.kind, target.id, family);
    else this.q.upsert.run(target.kind, target.id, family, threshold.value, threshold.direction, threshold.alert ? 1 : 0);
  }

  /** Forgets every override of a target (it was deleted). */
  dropTarget(target: MetricTarget): void {
    this.q.removeTarget.run(target.kind, target.id);
  }
}
