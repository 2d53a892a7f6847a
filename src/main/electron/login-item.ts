// Launch at login from settings.launchAtLogin. Electron supports it on macOS and Windows only; on
// Linux the setting is explained rather than silently ignored.
export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] }): void;
  getLoginItemSettings(): { openAtLogin: boolean };
}

/** Applies the setting; returns a note for the user when it cannot be applied here. */
export function applyLaunchAtLogin(app: LoginItemApp, enabled: boolean, platform: NodeJS.Platform): string | null {
  if (platform !== 'darwin' && platform !== 'win32') {
    return enabled ? 'Launch at login is not supported on Linux by Earshot itself — add Earshot to your desktop’s startup applications.' : null;
  }
  if (app.getLoginItemSettings().openAtLogin === enabled) return null;
  app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true, args: enabled ? ['--hidden'] : [] });
  return null;
}
