import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from './menu';
import { mainWindowOptions } from './window-options';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('buildMenuTemplate', () => {
  it('has no reload or DevTools when packaged', () => {
    const all = roles(buildMenuTemplate({ isPackaged: true, platform: 'linux', onAbout: () => {} }));
    expect(all).toContain('quit');
    expect(all).not.toContain('reload');
    expect(all).not.toContain('forceReload');
    expect(all).not.toContain('toggleDevTools');
  });

  it('offers reload and DevTools in development', () => {
    const all = roles(buildMenuTemplate({ isPackaged: false, platform: 'linux', onAbout: () => {} }));
    expect(all).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('puts the app menu first on macOS', () => {
    const [first] = buildMenuTemplate({ isPackaged: true, platform: 'darwin', onAbout: () => {} });
    expect(first?.role).toBe('appMenu');
  });

  it('opens the About panel from Help', () => {
    const onAbout = vi.fn();
    const help = buildMenuTemplate({ isPackaged: true, platform: 'linux', onAbout }).find((item) => item.role === 'help');
    const about = Array.isArray(help?.submenu) ? help.submenu.find((item) => item.label === 'About Tickdesk') : undefined;
    expect(about?.click).toBeTypeOf('function');
    about?.click?.(...([] as unknown as Parameters<NonNullable<MenuItemConstructorOptions['click']>>));
    expect(onAbout).toHaveBeenCalledTimes(1);
  });
});

describe('mainWindowOptions', () => {
  it('sandboxes the renderer as DESIGN.md rule 4 asks', () => {
    const prefs = mainWindowOptions({ preloadPath: '/app/out/preload/preload.cjs', isPackaged: true }).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('shows the window at once and allows DevTools only unpackaged', () => {
    const options = mainWindowOptions({ preloadPath: 'p', isPackaged: false });
    expect(options.show).toBe(true);
    expect(options.webPreferences?.devTools).toBe(true);
  });
});
