import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyFile } from 'node:fs/promises';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import { resolveDataDir } from '../config';
import { createCore } from '../core';
import { createLogger } from '../log';
import { openProcessLogFile } from '../log-file';
import { createAppRequestHandler } from './app-protocol';
import { offerExportSave } from './export-save';
import { guardWebContents } from './guards';
import { forwardEvents, registerCallHandler } from './ipc';
import { createQuitGuard, parseDataDirArg } from './lifecycle';
import { safeStorageKeyProvider } from './safe-storage-key';
import { buildMenuTemplate } from './menu';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  buildCsp,
  devServerOrigin,
  isTrustedAppUrl,
  isTrustedSender,
} from './security';
import { mainWindowOptions } from './window-options';

/**
 * Electron's main process: window, menu, single-instance lock and the quit
 * sequence around the same core `tickdesk serve` runs. The only file besides
 * the preload that imports Electron at run time.
 */

const STOP_TIMEOUT_MS = 20_000;
const outDir = dirname(fileURLToPath(import.meta.url)); // out/main
const preloadPath = join(outDir, '..', 'preload', 'preload.cjs');
const rendererRoot = join(outDir, '..', 'renderer');

// Before `ready`: gives the app a real, secure origin instead of file://.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

app.setName('Tickdesk');
const devRendererUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const devOrigin = devServerOrigin(devRendererUrl);
const isAppUrl = (url: string) => isTrustedAppUrl(url, APP_ORIGIN, devOrigin);

const defaultUserData = app.getPath('userData');
// As root, PostgreSQL runs as the postgres user, which cannot enter root's
// home: let config.ts pick its root default (/var/lib/tickdesk) instead.
const isRoot = process.getuid?.() === 0;
const dataDir = resolveDataDir({
  cliDataDir: parseDataDirArg(process.argv),
  env: process.env,
  electronUserData: isRoot ? undefined : defaultUserData,
});
// Chromium's profile and the single-instance lock follow the data folder, so
// two terminals on two folders can run side by side, and never on one.
if (dataDir !== defaultUserData) app.setPath('userData', dataDir);
// Started from a launcher, stderr goes nowhere: every line also goes to <data folder>/logs/.
const logFile = openProcessLogFile(dataDir);
const log = createLogger({ fields: { proc: 'electron-main' }, sink: (line) => logFile.write(line) });

if (!app.requestSingleInstanceLock()) {
  log.info('another Tickdesk window already uses this data folder; focusing it', { dataDir });
  app.quit();
} else {
  run();
}

function run(): void {
  let mainWindow: BrowserWindow | null = null;
  // Broker secrets: a data key wrapped by the OS keychain; no keychain → the store asks for a passphrase, never plain text.
  const core = createCore({ dataDir, mode: 'electron', appVersion: app.getVersion(), dbPort: null, logFile, secrets: { keyring: safeStorageKeyProvider(() => safeStorage) } }, log);
  const quitGuard = createQuitGuard({ stop: () => core.stop(), quit: () => app.quit(), timeoutMs: STOP_TIMEOUT_MS, log });

  app.on('before-quit', (event) => quitGuard.onBeforeQuit(event));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => logFile.flushSync());
  // Ctrl-C in the terminal that ran `npm start` must stop PostgreSQL too.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => app.quit());
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { reason: String(reason) }));

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, {
      isAppUrl,
      openExternal: (url) => void shell.openExternal(url).catch((error: unknown) => log.warn('could not open a link', { error: String(error) })),
      log,
    }),
  );

  registerCallHandler({
    ipcMain,
    core,
    isTrusted: (event) => {
      const frame = event.senderFrame;
      const window = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
      return isTrustedSender(
        {
          senderId: event.sender.id,
          windowId: window ? window.webContents.id : null,
          frameUrl: frame ? frame.url : null,
          isMainFrame: frame !== null && frame.parent === null,
        },
        APP_ORIGIN,
        devOrigin,
      );
    },
    log,
  });
  forwardEvents(core, () => (mainWindow && !mainWindow.isDestroyed() ? [mainWindow.webContents] : []), log);
  offerExportSave({
    onEvent: (listener) => core.onEvent(listener),
    askPath: async (defaultName) => {
      const window = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
      const options = { title: 'Save the audit export', defaultPath: defaultName, filters: [{ name: 'CSV', extensions: ['csv'] }] };
      const answer = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return answer.canceled || !answer.filePath ? null : answer.filePath;
    },
    copyFile: (from, to) => copyFile(from, to),
    log,
  });

  void app.whenReady().then(() => {
    if (quitGuard.state !== 'running') return;
    const csp = buildCsp({ devOrigin });
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.setDevicePermissionHandler(() => false);
    // The protocol handler sends the CSP itself; this covers the dev server.
    ses.webRequest.onHeadersReceived((details, callback) => {
      const headers = Object.fromEntries(
        Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
      );
      callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
    });
    protocol.handle(APP_SCHEME, createAppRequestHandler({ root: rendererRoot, csp }));

    app.setAboutPanelOptions({ applicationName: 'Tickdesk', applicationVersion: app.getVersion(), credits: 'Not investment advice. Orders go to the paper broker unless you choose a real one.' });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({ isPackaged: app.isPackaged, platform: process.platform, onAbout: () => app.showAboutPanel() }),
      ),
    );

    mainWindow = new BrowserWindow(mainWindowOptions({ preloadPath, isPackaged: app.isPackaged }));
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    const url = devOrigin !== null && devRendererUrl !== undefined ? devRendererUrl : APP_ENTRY_URL;
    mainWindow.loadURL(url).catch((error: unknown) => log.error('the window could not load the app', { url, error: String(error) }));

    // In the background: the window shows "starting" and follows db.status events.
    log.info('starting the core', { dataDir });
    core.start().catch((error: unknown) => log.error('the core failed to start', { error: String(error) }));
  });
}
