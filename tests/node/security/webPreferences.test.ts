// The webPreferences every AgentDesk window gets (electron/main/security/webPreferences.ts).
import { describe, expect, it } from 'vitest';
import { webPreferencesFor } from '../../../electron/main/security/webPreferences.js';

describe('webPreferencesFor', () => {
  const preferences = webPreferencesFor('/opt/AgentDesk/resources/app.asar/dist/preload/preload.cjs');

  it('isolates and sandboxes the renderer, with no Node anywhere', () => {
    expect(preferences).toMatchObject({
      preload: '/opt/AgentDesk/resources/app.asar/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
    });
  });

  it('keeps web security on and experiments off', () => {
    expect(preferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      plugins: false,
      spellcheck: false,
      safeDialogs: true,
      navigateOnDragDrop: false,
    });
    expect(preferences.enableBlinkFeatures).toBeUndefined();
  });

  it('lets a hidden window ring and keep call timers running', () => {
    expect(preferences.backgroundThrottling).toBe(false);
    expect(preferences.autoplayPolicy).toBe('no-user-gesture-required');
  });

  it('has DevTools off unless asked for (development builds)', () => {
    expect(preferences.devTools).toBe(false);
    expect(webPreferencesFor('/x/preload.cjs', { devTools: true }).devTools).toBe(true);
  });

  it('refuses a relative preload path', () => {
    expect(() => webPreferencesFor('dist/preload/preload.cjs')).toThrow(/absolute/);
  });
});
