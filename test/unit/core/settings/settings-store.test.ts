import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src-main/core/event-bus';
import { SettingsStore } from '../../../../src-main/core/settings/settings-store';
import { openStore } from '../../../../src-main/core/store/open-store';
import { tempDir } from '../helpers';

describe('SettingsStore', () => {
  it('defaults, updates, persists and emits', () => {
    const store = openStore({ dataDir: tempDir() });
    const bus = new EventBus();
    let changes = 0;
    bus.on('settings.changed', () => changes++);
    const settings = new SettingsStore({ db: store.db, bus });
    expect(settings.get()).toEqual({ language: null, theme: 'system' });
    expect(settings.update({ language: 'es' })).toEqual({ language: 'es', theme: 'system' });
    expect(settings.update({ theme: 'dark' })).toEqual({ language: 'es', theme: 'dark' });
    expect(settings.update({ language: null })).toEqual({ language: null, theme: 'dark' });
    expect(changes).toBe(3);
    expect(new SettingsStore({ db: store.db, bus }).get()).toEqual({ language: null, theme: 'dark' });
  });

  it('falls back when a stored value is unknown', () => {
    const store = openStore({ dataDir: tempDir() });
    store.db.prepare("INSERT INTO settings (key, value) VALUES ('app.language', 'klingon'), ('app.theme', 'neon')").run();
    expect(new SettingsStore({ db: store.db, bus: new EventBus() }).get()).toEqual({ language: null, theme: 'system' });
  });

  it('keeps flags apart from the typed settings', () => {
    const store = openStore({ dataDir: tempDir() });
    const settings = new SettingsStore({ db: store.db, bus: new EventBus() });
    expect(settings.getFlag('demo.dismissed')).toBeNull();
    settings.setFlag('demo.dismissed', '1');
    expect(settings.getFlag('demo.dismissed')).toBe('1');
    settings.deleteFlag('demo.dismissed');
    expect(settings.getFlag('demo.dismissed')).toBeNull();
    expect(() => settings.setFlag('app.theme', 'x')).toThrow(/flag name/);
  });
});
