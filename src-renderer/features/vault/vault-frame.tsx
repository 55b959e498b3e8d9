import type { ReactNode } from 'react';
import type { Language, Theme } from '../../../src-main/contract';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';

/** The centred card the vault screens share; language and theme can be changed before unlocking. */
export function VaultFrame({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  const t = useT();
  const settings = useAppStore((s) => s.settings);
  const update = useAppStore((s) => s.updateSettings);
  return (
    <div className="vault-screen" data-testid={testId}>
      <div className="vault-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">◆</span> Opsdeck
        </div>
        <h1>{title}</h1>
        {children}
        <p className="muted small">{t('vault.footer')}</p>
        <div className="vault-prefs">
          <select
            aria-label={t('settings.language')}
            data-testid="vault-language"
            value={settings?.language ?? 'system'}
            onChange={(e) => void update({ language: e.target.value === 'system' ? null : (e.target.value as Language) })}
          >
            <option value="system">{`${t('settings.language')}: ${t('settings.system')}`}</option>
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
          <select aria-label={t('settings.theme')} data-testid="vault-theme" value={settings?.theme ?? 'system'} onChange={(e) => void update({ theme: e.target.value as Theme })}>
            <option value="system">{`${t('settings.theme')}: ${t('settings.system')}`}</option>
            <option value="light">{t('settings.light')}</option>
            <option value="dark">{t('settings.dark')}</option>
          </select>
        </div>
      </div>
    </div>
  );
}
