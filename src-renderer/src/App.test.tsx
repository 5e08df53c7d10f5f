// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './App';
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

describe('the terminal frame', () => {
  it('shows the top bar with mode, link, database state and clock', () => {
    render(<App />);
    expect(screen.getByText('Tickdesk')).toBeTruthy();
    expect(screen.getByTestId('app-mode').textContent).toBe('BROWSER');
    expect(screen.getByTestId('connection-state').textContent).toBe('open');
    expect(screen.getByTestId('db-state').textContent).toBe('ready');
    expect(screen.getByTestId('ist-clock').textContent).toMatch(/^\d{2}:\d{2}:\d{2} IST$/);
    expect(screen.queryByTestId('connection-banner')).toBeNull();
  });

  it('has every pane, and each unbuilt one says so without pretending', () => {
    render(<App />);
    for (const [id, title] of [
      ['pane-watchlist', 'Watchlist'],
      ['pane-chart', 'Chart'],
      ['pane-orders', 'Order ticket / Orders'],
      ['pane-positions', 'Positions'],
      ['pane-audit', 'Audit'],
    ] as const) {
      const pane = screen.getByTestId(id);
      expect(pane.textContent).toContain(`${title} — not available in this version`);
      // No controls and no tables: nothing that looks like it might work.
      expect(pane.querySelectorAll('button, input, select, table')).toHaveLength(0);
    }
    expect(screen.getAllByTestId('pane-unavailable')).toHaveLength(5);
    expect(screen.getByTestId('pane-database').textContent).toContain('18.4');
  });

  it('covers the workspace with the reason when the database failed', () => {
    useDbStatusStore.setState({ status: dbStatus({ state: 'failed', reason: 'Migration 0002 failed' }) });
    render(<App />);
    expect(screen.getByTestId('db-failed-reason').textContent).toBe('Migration 0002 failed');
    expect(screen.getByTestId('db-state').textContent).toBe('failed');
  });

  it('shows no failure screen while the database is fine', () => {
    render(<App />);
    expect(screen.queryByTestId('db-failed')).toBeNull();
  });

  it('shows the lost-connection strip and a stale database state', () => {
    useConnectionStore.setState({
      status: { state: 'closed', attempt: 1, retryAt: Date.now() + 2_000, everOpened: true },
    });
    render(<App />);
    expect(screen.getByTestId('connection-state').textContent).toBe('closed');
    expect(screen.getByTestId('connection-banner').textContent).toContain('Connection lost — reconnecting');
    expect(screen.getByTestId('db-state').parentElement?.className).toContain('stale');
  });

  it('replaces everything with the token message when the link is refused', () => {
    useConnectionStore.setState({ status: { ...initialConnectionStatus, state: 'unauthorized' } });
    render(<App />);
    expect(screen.getByTestId('auth-error').textContent).toContain(
      'This link’s token is not valid. Open the URL printed by tickdesk serve.',
    );
    expect(screen.queryByTestId('db-state')).toBeNull();
  });
});
