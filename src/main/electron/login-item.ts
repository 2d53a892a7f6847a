// Launch at login from settings.launchAtLogin. Electron supports it on macOS and Windows only; on
// Linux the setting is explained rather than silently ignored. A launch at login starts hidden in
// the tray: on Windows the login entry passes --hidden; on macOS (where login items take no
// arguments, and openAsHidden no longer works from macOS 13) the app asks whether it was opened at
// login.
export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean; wasOpenedAtLogin?: boolean };
}

/** What the Windows login entry runs Earshot with. */
export const LOGIN_ARGS = ['--hidden'];

/** Applies the setting; returns a note for the user when it cannot be applied here. */
export function applyLaunchAtLogin(app: LoginItemApp, enabled: boolean, platform: NodeJS.Platform): string | null {
  if (platform !== 'darwin' && platform !== 'win32') {
    return enabled ? 'Launch at login is not supported on Linux by Earshot itself — add Earshot to your desktop’s startup applications.' : null;
  }
  // Windows reports openAtLogin only for an entry with the same arguments: ask with them.
  const args = platform === 'win32' ? LOGIN_ARGS : undefined;
  if (app.getLoginItemSettings(args ? { args } : undefined).openAtLogin === enabled) return null;
  app.setLoginItemSettings(args ? { openAtLogin: enabled, args } : { openAtLogin: enabled });
  return null;
}

/** Whether this start is a launch at login, so the window stays in the tray. */
export function launchedAtLogin(app: LoginItemApp, argv: readonly string[], platform: NodeJS.Platform): boolean {
  if (argv.includes('--hidden')) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}
