import type { EnvironmentKind } from '../../src-main/contract';
import { useT } from '../i18n';

/** Production is always marked; other kinds get a quiet tag. */
export function EnvBadge({ kind, quiet }: { kind: EnvironmentKind; quiet?: boolean }) {
  const t = useT();
  if (kind === 'production') {
    return (
      <span className="badge badge-prod" data-testid="prod-badge" title={t('env.kind.production')}>
        {t('env.prodBadge')}
      </span>
    );
  }
  if (quiet) return null;
  return <span className="badge">{t(`env.kind.${kind}`)}</span>;
}
