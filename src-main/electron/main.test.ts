import { EventEmitter } from 'node:events';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/contract/transport';
import type { CallOutcome } from '../../src-shared/contract/wire';

/**
 * main.ts's wiring, run against a fake `electron` module: the runtime cannot
 * be installed here, so this is where the order of things is checked (lock
 * before the core, window then core start, IPC trust, quit after stop).
 */

const DEFAULT_USER_DATA = '/home/asha/.config/Tickdesk';
const HOME = path.resolve('/tmp/tickdesk-main-test-home');

type Listener = (...args: unknown[]) => unknown;

function fakeElectron(options: { lock: boolean }) {
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const state = { exited: false };

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    setName: vi.fn(),
    getPath: vi.fn((name: string) => (name === 'userData' ? DEFAULT_USER_DATA : `/fake/${name}`)),
    setPath: vi.fn(),
    getVersion: () => '0.1.0',
    requestSingleInstanceLock: vi.fn(() => options.lock),
    whenReady: () => ready,
    setAboutPanelOptions: vi.fn(),
    showAboutPanel: vi.fn(),
    // Like Electron: quit asks `before-quit` listeners first; unprevented, the app exits.
    quit: vi.fn(() => {
      let prevented = false;
      app.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) state.exited = true;
    }),
  });

  class WebFrame {
    constructor(
      readonly url: string,
      readonly parent: WebFrame | null,
    ) {}
  }

  const windows: FakeWindow[] = [];
  class FakeWindow extends EventEmitter {
    readonly webContents = { id: 11, mainFrame: new WebFrame('app://tickdesk/index.html', null), isDestroyed: () => false, send: vi.fn() };
    readonly loadURL = vi.fn(async (_url: string) => {});
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    constructor(readonly options: unknown) {
      super();
      windows.push(this);
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return true;
    }
  }

  const ipcHandlers = new Map<string, Listener>();
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: vi.fn((channel: string, handler: Listener) => ipcHandlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown) => template) },
    shell: { openExternal: vi.fn(async () => {}) },
  };
  return { electron, app, windows, ipcHandlers, WebFrame, state, markReady };
}

function fakeCore() {
  let stopFinished: () => void = () => {};
  const eventListeners: Listener[] = [];
  const core = {
    start: vi.fn(async () => {}),
    stop: vi.fn(
      () =>
        new Promise<void>((resolve) => {
          stopFinished = resolve;
        }),
    ),
    dispatch: vi.fn(async (): Promise<CallOutcome> => ({ ok: true, result: 'dispatched' })),
    onEvent: vi.fn((listener: Listener) => {
      eventListeners.push(listener);
      return () => {};
    }),
  };
  return { core, createCore: vi.fn(() => core), finishStop: () => stopFinished(), emit: (...args: unknown[]) => eventListeners.forEach((l) => l(...args)) };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

const processEvents = ['SIGINT', 'SIGTERM', 'SIGHUP', 'unhandledRejection'] as const;
// Plain EventEmitter view of process: its typed overloads do not take a union of event names.
const processEmitter: EventEmitter = process;

async function launch(options: { lock?: boolean } = {}) {
  const fake = fakeElectron({ lock: options.lock ?? true });
  const core = fakeCore();
  vi.doMock('electron', () => fake.electron);
  vi.doMock('../core', () => ({ createCore: core.createCore }));
  await import('./main');
  return { ...fake, ...core };
}

describe('electron main', () => {
  let before: Map<string, Listener[]>;
  const savedEnv = { home: process.env.TICKDESK_HOME, level: process.env.TICKDESK_LOG_LEVEL };

  beforeEach(() => {
    vi.resetModules();
    before = new Map(processEvents.map((event) => [event, processEmitter.listeners(event) as Listener[]]));
    process.env.TICKDESK_HOME = HOME;
    process.env.TICKDESK_LOG_LEVEL = 'error';
  });

  afterEach(() => {
    for (const event of processEvents) {
      for (const listener of processEmitter.listeners(event) as Listener[]) {
        if (!before.get(event)?.includes(listener)) processEmitter.off(event, listener);
      }
    }
    vi.doUnmock('electron');
    vi.doUnmock('../core');
    if (savedEnv.home === undefined) delete process.env.TICKDESK_HOME;
    else process.env.TICKDESK_HOME = savedEnv.home;
    if (savedEnv.level === undefined) delete process.env.TICKDESK_LOG_LEVEL;
    else process.env.TICKDESK_LOG_LEVEL = savedEnv.level;
  });

  it('registers the app scheme as privileged and follows TICKDESK_HOME with the profile and lock', async () => {
    const { electron, app } = await launch();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(app.setPath).toHaveBeenCalledWith('userData', HOME);
    expect(app.setPath.mock.invocationCallOrder[0]).toBeLessThan(app.requestSingleInstanceLock.mock.invocationCallOrder[0] ?? 0);
  });

  it('a second instance quits at once and never builds a core', async () => {
    const { app, createCore, markReady, windows } = await launch({ lock: false });
    markReady();
    await flush();
    expect(app.quit).toHaveBeenCalled();
    expect(createCore).not.toHaveBeenCalled();
    expect(windows).toHaveLength(0);
  });

  it('shows the window, then starts the core in the background with the data folder', async () => {
    const { createCore, core, windows, markReady, electron } = await launch();
    expect(createCore).toHaveBeenCalledWith(
      // Broker secrets get a safeStorage-backed keyring.
      { dataDir: HOME, mode: 'electron', appVersion: '0.1.0', dbPort: null, logFile: expect.objectContaining({ path: path.join(HOME, 'logs', 'tickdesk.log') }), secrets: { keyring: expect.objectContaining({ unavailableReason: expect.any(Function), wrap: expect.any(Function) }) } },
      expect.anything(),
    );
    expect(core.start).not.toHaveBeenCalled();
    markReady();
    await flush();

    expect(windows).toHaveLength(1);
    const win = windows[0];
    expect(win?.options).toMatchObject({ webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect((win?.options as { webPreferences: { preload: string } }).webPreferences.preload).toMatch(/preload[\\/]preload\.cjs$/);
    expect(win?.loadURL).toHaveBeenCalledWith('app://tickdesk/index.html');
    expect(core.start).toHaveBeenCalledTimes(1);
    expect(win?.loadURL.mock.invocationCallOrder[0]).toBeLessThan(core.start.mock.invocationCallOrder[0] ?? 0);

    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const ses = electron.session.defaultSession;
    const [requestHandler] = ses.setPermissionRequestHandler.mock.calls[0] as unknown as [(c: unknown, p: string, cb: (ok: boolean) => void) => void];
    const granted = vi.fn();
    requestHandler({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    const [checkHandler] = ses.setPermissionCheckHandler.mock.calls[0] as unknown as [() => boolean];
    expect(checkHandler()).toBe(false);
  });

  it('sets the CSP header on every response', async () => {
    const { electron, markReady } = await launch();
    markReady();
    await flush();
    const [listener] = electron.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0] as unknown as [
      (details: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void,
    ];
    const callback = vi.fn();
    listener({ responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } }, callback);
    const headers = (callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> }).responseHeaders;
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/^default-src 'none'; script-src 'self';/);
    expect(headers['X-Other']).toEqual(['1']);
  });

  it('dispatches IPC only from the main frame of its window on the app page', async () => {
    const { ipcHandlers, markReady, windows, core, WebFrame } = await launch();
    const handler = ipcHandlers.get(IPC_CALL_CHANNEL);
    if (!handler) throw new Error('no IPC handler');

    // Before the window exists nothing is trusted.
    const early = await handler({ sender: { id: 11 }, senderFrame: new WebFrame('app://tickdesk/index.html', null) }, 'app.info', {});
    expect(early).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    markReady();
    await flush();
    const win = windows[0];
    if (!win) throw new Error('no window');
    const main = win.webContents.mainFrame;

    await expect(handler({ sender: win.webContents, senderFrame: main }, 'app.info', {})).resolves.toEqual({ ok: true, result: 'dispatched' });
    expect(core.dispatch).toHaveBeenCalledWith('app.info', {}, { transport: 'electron' });

    const refused = [
      { sender: win.webContents, senderFrame: new WebFrame('app://tickdesk/index.html', main) },
      { sender: win.webContents, senderFrame: new WebFrame('https://evil.example/', null) },
      { sender: win.webContents, senderFrame: null },
      { sender: { id: 12 }, senderFrame: new WebFrame('app://tickdesk/index.html', null) },
    ];
    for (const event of refused) {
      await expect(handler(event, 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(core.dispatch).toHaveBeenCalledTimes(1);
  });

  it('forwards core events to the window', async () => {
    const { markReady, windows, emit } = await launch();
    markReady();
    await flush();
    emit('db.status', { state: 'ready' });
    expect(windows[0]?.webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, 'db.status', { state: 'ready' });
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { app, markReady, windows } = await launch();
    markReady();
    await flush();
    app.emit('second-instance', {}, [], '/');
    expect(windows[0]?.restore).toHaveBeenCalled();
    expect(windows[0]?.focus).toHaveBeenCalled();
  });

  it('quits only after the core has stopped, also on SIGINT', async () => {
    const { app, core, markReady, state, finishStop } = await launch();
    markReady();
    await flush();

    process.emit('SIGINT');
    expect(core.stop).toHaveBeenCalledTimes(1);
    expect(state.exited).toBe(false);
    app.quit();
    expect(core.stop).toHaveBeenCalledTimes(1);
    expect(state.exited).toBe(false);

    finishStop();
    await flush();
    expect(state.exited).toBe(true);
  });

  it('quits when the last window closes', async () => {
    const { app, markReady } = await launch();
    markReady();
    await flush();
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalled();
  });
});
