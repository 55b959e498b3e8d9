import { useT } from '../i18n';

export type Health = 'healthy' | 'degraded' | 'down' | 'unknown';

/** The state colour is the only colour in the tree; the label keeps it readable without colour. */
export function HealthDot({ health = 'unknown' }: { health?: Health }) {
  const t = useT();
  const label = t(`health.${health}`);
  return <span className={`dot dot-${health}`} role="img" aria-label={label} title={label} data-health={health} />;
}
