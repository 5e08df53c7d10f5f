import type { Locator, Page, Response } from '@playwright/test';
import { expect } from '@playwright/test';

/** The terminal's frame as a user sees it: top bar states and the panes. */
export class TerminalPage {
  readonly dbState: Locator;
  readonly istClock: Locator;
  readonly appMode: Locator;
  readonly connectionState: Locator;
  readonly authError: Locator;
  readonly accessRefused: Locator;

  constructor(readonly page: Page) {
    this.dbState = page.getByTestId('db-state');
    this.istClock = page.getByTestId('ist-clock');
    this.appMode = page.getByTestId('app-mode');
    this.connectionState = page.getByTestId('connection-state');
    this.authError = page.getByTestId('auth-error');
    // The server's own 401/403 page, served instead of the app.
    this.accessRefused = page.getByTestId('access-refused');
  }

  async open(url: string): Promise<Response | null> {
    return this.page.goto(url, { waitUntil: 'domcontentloaded' });
  }

  async expectDbReady(timeout = 60_000): Promise<void> {
    await expect(this.dbState).toHaveText('ready', { timeout });
  }

  async clockText(): Promise<string> {
    return (await this.istClock.textContent()) ?? '';
  }

  /** Opens a same-origin WebSocket from inside the page (cookie only) and makes one raw exchange. */
  async rawWsExchange(frames: string[], replies: number): Promise<unknown[]> {
    return this.page.evaluate(
      ({ frames, replies }) =>
        new Promise<unknown[]>((resolve, reject) => {
          // Runs in the page; the e2e tsconfig has no DOM lib.
          const host = (globalThis as unknown as { location: { host: string } }).location.host;
          const ws = new WebSocket(`ws://${host}/ws`);
          const got: unknown[] = [];
          const timer = setTimeout(() => reject(new Error(`only ${got.length} replies`)), 10_000);
          ws.onerror = () => reject(new Error('websocket error'));
          ws.onopen = () => frames.forEach((frame) => ws.send(frame));
          ws.onmessage = (message) => {
            const frame = JSON.parse(String(message.data)) as { type: string };
            if (frame.type !== 'result') return;
            got.push(frame);
            if (got.length === replies) {
              clearTimeout(timer);
              ws.close();
              resolve(got);
            }
          };
        }),
      { frames, replies },
    );
  }
}
