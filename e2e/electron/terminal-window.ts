import type { Locator, Page } from '@playwright/test';

export interface SandboxProbe {
  bridge: string;
  bridgeKeys: string[];
  kind: unknown;
  require: string;
  process: string;
  module: string;
  buffer: string;
}

/** Page model of the terminal's window as the Electron suite sees it. */
export class TerminalWindow {
  constructor(readonly page: Page) {}

  get dbState(): Locator {
    return this.page.getByTestId('db-state');
  }

  get appMode(): Locator {
    return this.page.getByTestId('app-mode');
  }

  get istClock(): Locator {
    return this.page.getByTestId('ist-clock');
  }

  /** What page scripts can reach: the bridge, and none of Node's globals. */
  sandboxProbe(): Promise<SandboxProbe> {
    return this.page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      const bridge = g.tickdesk;
      return {
        bridge: typeof bridge,
        bridgeKeys: bridge && typeof bridge === 'object' ? Object.keys(bridge).sort() : [],
        kind: bridge && typeof bridge === 'object' ? (bridge as Record<string, unknown>).kind : undefined,
        require: typeof g.require,
        process: typeof g.process,
        module: typeof g.module,
        buffer: typeof g.Buffer,
      };
    });
  }

  /** A call through window.tickdesk, as the renderer's client makes it. */
  invoke(method: string, args: unknown): Promise<unknown> {
    return this.page.evaluate(
      ([m, a]) => {
        const bridge = (globalThis as unknown as { tickdesk: { invoke(method: string, args: unknown): Promise<unknown> } }).tickdesk;
        return bridge.invoke(m, a);
      },
      [method, args] as const,
    );
  }

  /** window.open's return values for a few targets. */
  tryWindowOpen(urls: string[]): Promise<Array<string | null>> {
    return this.page.evaluate((targets) => {
      const win = globalThis as unknown as { open(url: string): unknown };
      return targets.map((url) => (win.open(url) === null ? null : 'a window'));
    }, urls);
  }

  /** Assigns location.href from page script; the app must refuse to go. */
  tryNavigate(url: string): Promise<void> {
    return this.page.evaluate((target) => {
      (globalThis as unknown as { location: { href: string } }).location.href = target;
    }, url);
  }

  /** Whether a page script's request gets out (no-cors: only the CSP can stop it). */
  tryFetch(url: string): Promise<'reached' | 'blocked'> {
    return this.page.evaluate(
      (target) => fetch(target, { mode: 'no-cors' }).then(() => 'reached' as const, () => 'blocked' as const),
      url,
    );
  }
}
