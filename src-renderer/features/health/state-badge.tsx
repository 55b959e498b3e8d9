import type { CheckState } from '../../../src-main/contract';
import { useT } from '../../i18n';

/** A check's state as a coloured badge with its word (readable without colour). */
export function StateBadge({ state }: { state: CheckState }) {
  const t = useT();
  return (
    <span className={`state-badge state-${state}`} data-testid="check-state" data-state={state}>
      {t(`health.state.${state}`)}
    </span>
  );
}

/** Recent beats as small bars, oldest first; hover shows the time and message. */
export function UptimeBar({ beats, formatWhen }: { beats: { at: number; ok: boolean; state: CheckState; message: string; latencyMs: number | null }[]; formatWhen(at: number): string }) {
  const t = useT();
  const ordered = [...beats].sort((a, b) => a.at - b.at);
  const up = ordered.filter((b) => b.ok).length;
  return (
    <span
      className="uptime-bar"
      data-testid="uptime-bar"
      data-beats={ordered.length}
      role="img"
      aria-label={ordered.length ? t('health.uptimeLabel', { up, n: ordered.length }) : t('health.noBeats')}
    >
      {ordered.map((b) => (
        <span
          key={b.at}
          className={`beat ${b.state === 'maintenance' ? 'beat-maint' : b.ok ? 'beat-up' : b.state === 'pending' ? 'beat-pending' : 'beat-down'}`}
          title={`${formatWhen(b.at)} · ${b.latencyMs !== null ? `${Math.round(b.latencyMs)} ms · ` : ''}${b.message}`}
        />
      ))}
    </span>
  );
}
