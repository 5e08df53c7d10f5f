// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodResult } from '../../../../src-shared/contract';
import type { TableInfo } from '../../../../src-shared/contract/domains/dbadmin';
import { initialConnectionStatus, useConnectionStore } from '../../stores/connection-store';
import { useDbStatusStore } from '../../stores/db-status-store';
import { dbStatus } from '../../test/fixtures';
import { ACTIVITY_REFRESH_MS } from './ActivityTab';
import { DbAdminTabs } from './DbAdminTabs';
import { recordingClient, renderWithClient } from './test-client';

beforeEach(() => {
  useConnectionStore.setState({ status: { ...initialConnectionStatus, state: 'open', everOpened: true } });
  useDbStatusStore.setState({ status: dbStatus(), readError: null });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const server = (): MethodResult<'dbadmin.server'> => ({
  status: dbStatus(),
  version: 'PostgreSQL 18.4 on x86_64-pc-linux-gnu',
  startedAt: '2026-11-20T03:45:00.000Z',
  serverTime: '2026-11-20T05:50:30.000Z',
  uptimeSeconds: 7530,
  database: 'tickdesk',
  databaseBytes: 8 * 1024 * 1024,
  dataDirectory: '/home/trader/.tickdesk/pg',
  clientConnections: 4,
  maxConnections: 50,
  cacheHitRatio: 0.9876,
  commits: 1234567,
  rollbacks: 3,
  deadlocks: 0,
  tempBytes: 0,
  settings: [{ name: 'shared_buffers', value: '512MB' }],
});

const activity = (): MethodResult<'dbadmin.activity'> => ({
  serverTime: '2026-11-20T05:50:30.000Z',
  connections: [
    { pid: 11, user: 'tickdesk', application: 'tickdesk', clientAddr: '127.0.0.1', backendType: 'client backend', database: 'tickdesk', state: 'active', queryStart: '2026-11-20T05:50:00.000Z', xactStart: null, waitEventType: 'Lock', waitEvent: 'relation', query: 'select 1', isSelf: false },
    { pid: 12, user: null, application: '', clientAddr: null, backendType: 'checkpointer', database: null, state: null, queryStart: null, xactStart: null, waitEventType: null, waitEvent: null, query: '', isSelf: false },
  ],
});

const table = (name: string, over: Partial<TableInfo> = {}): TableInfo => ({
  name, kind: 'table', parent: null, bound: null, rowEstimate: 10, liveRows: 10, deadRows: 0, totalBytes: 8192, tableBytes: 8192, indexBytes: 0, seqScans: 1, indexScans: 0, lastVacuum: null, lastAnalyze: null, ...over,
});

describe('the database panel tabs', () => {
  it('opens on Server: the live status list and the server’s own facts', async () => {
    const client = recordingClient({ 'dbadmin.server': server });
    renderWithClient(client, <DbAdminTabs status={<p data-testid="status-list">ready</p>} />);
    expect(screen.getByTestId('status-list')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('dba-uptime').textContent).toBe('2h 05m'));
    expect(screen.getByTestId('dba-connections').textContent).toBe('4 of 50');
    expect(screen.getByTestId('dba-cache-hit').textContent).toBe('98.8%');
    expect(screen.getByTestId('dba-commits').textContent).toBe('12,34,567 · 3 rolled back');
  });

  it('waits for the link and a ready database, then reads', async () => {
    useConnectionStore.setState({ status: { ...initialConnectionStatus, state: 'connecting' } });
    const client = recordingClient({ 'dbadmin.server': server });
    renderWithClient(client, <DbAdminTabs status={null} />);
    expect(client.calls).toEqual([]);
    await act(async () => useConnectionStore.setState({ status: { ...initialConnectionStatus, state: 'open', everOpened: true } }));
    await waitFor(() => expect(screen.getByTestId('dba-uptime').textContent).toBe('2h 05m'));
    await act(async () => useDbStatusStore.setState({ status: dbStatus({ state: 'restarting' }) }));
    await act(async () => useDbStatusStore.setState({ status: dbStatus({ state: 'ready', restarts: 1 }) }));
    expect(client.calls.filter((c) => c.method === 'dbadmin.server')).toHaveLength(2);
  });

  it('polls Activity every few seconds, only while it is shown', async () => {
    vi.useFakeTimers();
    const client = recordingClient({ 'dbadmin.server': server, 'dbadmin.activity': activity, 'dbadmin.wal': () => { throw new Error('not now'); } });
    renderWithClient(client, <DbAdminTabs status={null} />);
    await act(async () => fireEvent.click(screen.getByTestId('dbadmin-tab-activity')));
    const polls = () => client.calls.filter((c) => c.method === 'dbadmin.activity').length;
    expect(polls()).toBe(1);
    // Background processes are hidden until asked for.
    expect(screen.getAllByTestId('activity-row')).toHaveLength(1);
    expect(screen.getByTestId('activity-row').textContent).toContain('Lock: relation');
    expect(screen.getByTestId('activity-row').textContent).toContain('30s');
    await act(async () => vi.advanceTimersByTime(ACTIVITY_REFRESH_MS * 2 + 10));
    expect(polls()).toBe(3);
    await act(async () => fireEvent.click(screen.getByTestId('dbadmin-tab-wal')));
    await act(async () => vi.advanceTimersByTime(ACTIVITY_REFRESH_MS * 3));
    expect(polls()).toBe(3);
    expect(screen.getByTestId('dba-error').textContent).toBe('not now');
  });

  it('folds partitions under their table and lists the selected table’s indexes', async () => {
    const client = recordingClient({
      'dbadmin.server': server,
      'dbadmin.tables': () => ({
        tables: [
          table('market_ticks', { kind: 'partitioned', totalBytes: 3 * 8192 }),
          table('market_ticks_20260105', { kind: 'partition', parent: 'market_ticks', bound: "FOR VALUES FROM ('2026-01-04 18:30:00+00') TO ('2026-01-05 18:30:00+00')" }),
          table('market_ticks_default', { kind: 'partition', parent: 'market_ticks', bound: 'DEFAULT' }),
          table('strategies'),
        ],
        indexes: [
          { name: 'market_ticks_20260105_token_ts_idx', table: 'market_ticks_20260105', bytes: 16384, scans: 0, tuplesRead: 0, lastUsed: null, unique: false, primary: false, definition: 'CREATE INDEX …' },
          { name: 'strategies_pkey', table: 'strategies', bytes: 16384, scans: 5, tuplesRead: 5, lastUsed: null, unique: true, primary: true, definition: 'CREATE UNIQUE INDEX …' },
        ],
      }),
      'dbadmin.maintenanceLog': () => ({ entries: [] }),
      'dbadmin.getRetention': () => ({ settings: { tickRetentionDays: 30, depthRetentionDays: 7, partitionDaysAhead: 4 }, updatedAt: null }),
      'dbadmin.maintain': ({ action, table: target }) => ({ id: '1', at: '2026-11-20T05:50:30.000Z', action, target: target ?? null, ok: true, ms: 12, message: 'done' }),
    });
    renderWithClient(client, <DbAdminTabs status={null} initialTab="Tables" />);
    await waitFor(() => expect(screen.getAllByTestId('table-row')).toHaveLength(2));
    expect(screen.getAllByTestId('table-row').map((row) => row.getAttribute('data-table'))).toEqual(['market_ticks', 'strategies']);
    fireEvent.click(screen.getByRole('button', { name: 'Show 2 partitions of market_ticks' }));
    expect(screen.getAllByTestId('table-row').map((row) => row.getAttribute('data-table'))).toEqual(['market_ticks', 'market_ticks_default', 'market_ticks_20260105', 'strategies']);
    expect((screen.getByTestId('maintain-vacuum') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getAllByTestId('table-row')[0] as HTMLElement);
    expect(screen.getByTestId('indexes-table').textContent).toContain('market_ticks_20260105_token_ts_idx');
    expect(screen.getByTestId('indexes-table').textContent).not.toContain('strategies_pkey');
    await act(async () => fireEvent.click(screen.getByTestId('maintain-vacuum')));
    expect(client.calls).toContainEqual({ method: 'dbadmin.maintain', args: { action: 'vacuum-analyze', table: 'market_ticks' } });
  });

  it('saves retention only when changed and valid', async () => {
    const client = recordingClient({
      'dbadmin.tables': () => ({ tables: [], indexes: [] }),
      'dbadmin.maintenanceLog': () => ({ entries: [] }),
      'dbadmin.getRetention': () => ({ settings: { tickRetentionDays: 30, depthRetentionDays: 7, partitionDaysAhead: 4 }, updatedAt: null }),
      'dbadmin.setRetention': (settings) => ({ settings: { ...settings }, updatedAt: '2026-11-20T05:50:30.000Z' }),
    });
    renderWithClient(client, <DbAdminTabs status={null} initialTab="Tables" />);
    const save = (await screen.findByTestId('retention-save')) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('retention-tickRetentionDays'), { target: { value: '0' } });
    expect(save.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('retention-tickRetentionDays'), { target: { value: '45' } });
    expect(save.disabled).toBe(false);
    await act(async () => fireEvent.click(save));
    expect(client.calls).toContainEqual({ method: 'dbadmin.setRetention', args: { tickRetentionDays: 45, depthRetentionDays: 7, partitionDaysAhead: 4 } });
  });
});
