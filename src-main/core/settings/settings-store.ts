import type Database from 'better-sqlite3';
import { Language, Theme, type Settings } from '../../contract/app';
import { AppError } from '../../contract/errors';
import type { EventBus } from '../event-bus';

/** The settings table also holds flags; these keys are the typed settings, not flags. */
const LANGUAGE_KEY = 'app.language';
const THEME_KEY = 'app.theme';
const RESERVED = new Set([LANGUAGE_KEY, THEME_KEY]);

export interface SettingsPatch {
  language?: Settings['language'];
  theme?: Settings['theme'];
}

/**
 * User preferences (language: null = follow the OS; theme: 'system' by default) and small
 * string flags other modules keep (e.g. 'demo.dismissed'), in the `settings` table.
 */
export class SettingsStore {
  constructor(private readonly deps: { db: Database.Database; bus: EventBus }) {}

  get(): Settings {
    // A value written by a newer Opsdeck (a language we do not ship) falls back, not fails.
    const lang = Language.safeParse(this.read(LANGUAGE_KEY));
    const theme = Theme.safeParse(this.read(THEME_KEY));
    return { language: lang.success ? lang.data : null, theme: theme.success ? theme.data : 'system' };
  }

  update(patch: SettingsPatch): Settings {
    const { db } = this.deps;
    db.transaction(() => {
      if (patch.language !== undefined) {
        if (patch.language === null) this.remove(LANGUAGE_KEY);
        else this.write(LANGUAGE_KEY, Language.parse(patch.language));
      }
      if (patch.theme !== undefined) this.write(THEME_KEY, Theme.parse(patch.theme));
    })();
    this.deps.bus.emit('settings.changed', {});
    return this.get();
  }

  getFlag(key: string): string | null {
    return this.read(this.flagKey(key));
  }

  setFlag(key: string, value: string): void {
    this.write(this.flagKey(key), String(value));
    this.deps.bus.emit('settings.changed', {});
  }

  deleteFlag(key: string): void {
    this.remove(this.flagKey(key));
    this.deps.bus.emit('settings.changed', {});
  }

  private flagKey(key: string): string {
    if (!key || key.length > 200 || RESERVED.has(key)) {
      throw new AppError('VALIDATION', `"${key}" cannot be used as a flag name.`, 'Use a short dotted name such as "demo.dismissed".');
    }
    return key;
  }

  private read(key: string): string | null {
    const row = this.deps.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  private write(key: string, value: string): void {
    this.deps.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  private remove(key: string): void {
    this.deps.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }
}
