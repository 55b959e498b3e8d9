import type { Language, Theme } from '../../../src-main/contract';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useVaultStore } from '../../stores/vault-store';
import { KeyValues, Section } from '../inventory/detail-parts';
import { AuditSection } from './audit-section';
import { JobsSection } from './jobs-section';

export function SettingsPage() {
  const t = useT();
  const { info, settings, updateSettings } = useAppStore();
  const vault = useVaultStore((s) => s.status);
  const lock = useVaultStore((s) => s.lock);
  const canLock = vault?.state === 'unlocked' && vault.provider !== 'env-key';
  return (
    <main className="page page-scroll" data-testid="page-settings">
      <h1 className="page-title">{t('nav.settings')}</h1>
      <div className="detail-columns">
        <Section title={t('settings.appearance')}>
          <div className="form-grid">
            <label className="field">
              <span className="field-label">{t('settings.language')}</span>
              <select
                data-testid="settings-language"
                value={settings?.language ?? 'system'}
                onChange={(e) => void updateSettings({ language: e.target.value === 'system' ? null : (e.target.value as Language) })}
              >
                <option value="system">{t('settings.system')}</option>
                <option value="en">English</option>
                <option value="es">Español</option>
              </select>
            </label>
            <label className="field">
              <span className="field-label">{t('settings.theme')}</span>
              <select data-testid="settings-theme" value={settings?.theme ?? 'system'} onChange={(e) => void updateSettings({ theme: e.target.value as Theme })}>
                <option value="system">{t('settings.system')}</option>
                <option value="light">{t('settings.light')}</option>
                <option value="dark">{t('settings.dark')}</option>
              </select>
            </label>
          </div>
        </Section>
        <Section
          title={t('settings.vault')}
          testId="vault-section"
          actions={
            canLock ? (
              <button type="button" className="btn btn-small" data-testid="vault-lock" onClick={() => void lock()}>
                {t('settings.lockNow')}
              </button>
            ) : undefined
          }
        >
          <KeyValues
            items={[
              { label: t('settings.vaultState'), value: vault ? t(`vault.state.${vault.state}`) : '', testId: 'vault-state' },
              { label: t('vault.provider'), value: vault?.provider ? t(`vault.provider.${vault.provider}`) : '', testId: 'vault-provider' },
            ]}
          />
          {vault?.provider === 'env-key' && <p className="muted small">{t('settings.envKeyNote')}</p>}
        </Section>
      </div>
      <Section title={t('settings.about')}>
        <KeyValues
          items={[
            { label: t('settings.version'), value: info?.version ?? '', mono: true, testId: 'info-version' },
            { label: t('settings.dataDir'), value: info?.dataDir ?? '', mono: true, testId: 'info-data-dir' },
            { label: t('settings.host'), value: info ? t(`settings.host.${info.host}`) : '', testId: 'info-host' },
            { label: t('settings.platform'), value: info?.platform ?? '', mono: true },
            { label: t('settings.osUser'), value: info?.osUser ?? '', mono: true },
          ]}
        />
      </Section>
      <JobsSection />
      <AuditSection />
    </main>
  );
}
