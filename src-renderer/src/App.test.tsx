// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src-shared/contract/client';
import type { Transport } from '../../src-shared/contract/transport';
import { App } from './App';
import { ClientProvider } from './client/client-context';
import { useAppInfoStore } from './stores/app-info-store';
import { initialConnectionStatus, useConnectionStore } from './stores/connection-store';
import { useDbStatusStore } from './stores/db-status-store';
import { appInfo, dbStatus } from './test/fixtures';

beforeEach(() => {
  useConnectionStore.setState({ status: { ...initialConnectionStatus, state: 'open', everOpened: true }, transport: 'websocket' });
  useDbStatusStore.setState({ status: dbStatus({ state: 'ready' }), readError: null });
  useAppInfoStore.setState({ info: appInfo({ mode: 'browser' }), clockOffsetMs: 0 });
});
afterEach(cleanup);

/**
 * The panes call main on mount; here main answers every call UNAVAILABLE, as
 * a core still starting would, so the frame is tested without any pane's data.
 */
const offlineTransport: Transport = {
  invoke: async () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'not in this test' } }),
  onEvent: () => () => {},
};

function renderApp() {
  return render(
    <ClientProvider client={createClient(offlineTransport)}>
      <App />
    </ClientProvider>,
  );
}

describe('the terminal frame', () => {
  it('shows the top bar with mode, link, database state and clock', () => {
    renderApp();
    expect(screen.getByText('Tickdesk')).toBeTruthy();
    expect(screen.getByTestId('app-mode').textContent).toBe('BROWSER');
    expect(screen.getByTestId('connection-state').textContent).toBe('open');
    expect(screen.getByTestId('db-state').textContent).toBe('ready');
    expect(screen.getByTestId('ist-clock').textContent).toMatch(/^\d{2}:\d{2}:\d{2} IST$/);
    expect(screen.queryByTestId('connection-banner')).toBeNull();
  });

  it('lays out every pane of the terminal', () => {
    renderApp();
    for (const id of ['pane-watchlist', 'pane-chart', 'pane-orders', 'pane-positions', 'pane-audit', 'pane-database']) {
      expect(screen.getByTestId(id)).toBeTruthy();
    }
    // Every feature is built now: no placeholder pane is left to pretend anything.
    expect(screen.queryAllByTestId('pane-unavailable')).toHaveLength(0);
    expect(screen.getByTestId('pane-database').textContent).toContain('18.4');
  });

  it('covers the workspace with the reason when the database failed', () => {
    useDbStatusStore.setState({ status: dbStatus({ state: 'failed', reason: 'Migration 0002 failed' }) });
    renderApp();
    expect(screen.getByTestId('db-failed-reason').textContent).toBe('Migration 0002 failed');
    expect(screen.getByTestId('db-state').textContent).toBe('failed');
  });

  it('shows no failure screen while the database is fine', () => {
    renderApp();
    expect(screen.queryByTestId('db-failed')).toBeNull();
  });

  it('shows the lost-connection strip and a stale database state', () => {
    useConnectionStore.setState({
      status: { state: 'closed', attempt: 1, retryAt: Date.now() + 2_000, everOpened: true },
    });
    renderApp();
    expect(screen.getByTestId('connection-state').textContent).toBe('closed');
    expect(screen.getByTestId('connection-banner').textContent).toContain('Connection lost — reconnecting');
    expect(screen.getByTestId('db-state').parentElement?.className).toContain('stale');
  });

  it('replaces everything with the token message when the link is refused', () => {
    useConnectionStore.setState({ status: { ...initialConnectionStatus, state: 'unauthorized' } });
    renderApp();
    expect(screen.getByTestId('auth-error').textContent).toContain(
      'This link’s token is not valid. Open the URL printed by tickdesk serve.',
    );
    expect(screen.queryByTestId('db-state')).toBeNull();
  });
});
