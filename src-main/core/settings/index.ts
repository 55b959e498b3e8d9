export { SettingsStore, type SettingsPatch } from './settings-store';
