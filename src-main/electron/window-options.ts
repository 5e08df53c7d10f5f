import type { BrowserWindowConstructorOptions } from 'electron';

/** The terminal window: a sandboxed renderer that sees only the preload's one object. */
export function mainWindowOptions(options: { preloadPath: string; isPackaged: boolean }): BrowserWindowConstructorOptions {
  return {
    title: 'Tickdesk',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    // Shown at once with the frame's colour; the renderer paints "starting" while PostgreSQL comes up.
    show: true,
    backgroundColor: '#0f1115',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: !options.isPackaged,
    },
  };
}
