// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodResult } from '../../../../src-shared/contract';
import { initialConnectionStatus, useConnectionStore } from '../../stores/connection-store';
import { useDbStatusStore } from '../../stores/db-status-store';
import { dbStatus } from '../../test/fixtures';
import { StatementsTab } from './StatementsTab';
import { recordingClient, renderWithClient } from './test-client';

beforeEach(() => {
  useConnectionStore.setState({ status: { ...initialConnectionStatus, state: 'open', everOpened: true } });
  useDbStatusStore.setState({ status: dbStatus(), readError: null });
});

afterEach(cleanup);

const statements = (): MethodResult<'dbadmin.statements'> => ({
  available: true,
  reason: null,
  statsReset: '2026-11-20T03:45:00.000Z',
  statements: [{ queryId: '1', query: 'select 1', user: 'tickdesk', calls: 1234567, totalMs: 12.34, meanMs: 0.01, maxMs: 1, rows: 10, cacheHitRatio: 0.5 }],
});

describe('statement statistics', () => {
  it('resets only through a confirmation that says what is lost; Keep leaves them', async () => {
    const client = recordingClient({ 'dbadmin.statements': statements, 'dbadmin.resetStatements': () => ({ statsReset: '2026-11-20T06:00:00.000Z' }) });
    renderWithClient(client, <StatementsTab />);
    await waitFor(() => expect(screen.getAllByTestId('statement-row')).toHaveLength(1));
    expect(screen.getByTestId('statement-row').textContent).toContain('12,34,567');

    fireEvent.click(screen.getByTestId('statements-reset'));
    expect(screen.getByTestId('statements-reset-dialog').textContent).toContain('gathered since 20-11-2026 09:15:00 IST');
    fireEvent.click(screen.getByTestId('statements-reset-keep'));
    expect(screen.queryByTestId('statements-reset-dialog')).toBeNull();
    expect(client.calls.some((call) => call.method === 'dbadmin.resetStatements')).toBe(false);

    fireEvent.click(screen.getByTestId('statements-reset'));
    fireEvent.click(screen.getByTestId('statements-reset-confirm'));
    await waitFor(() => expect(client.calls.filter((call) => call.method === 'dbadmin.statements')).toHaveLength(2));
    expect(client.calls.filter((call) => call.method === 'dbadmin.resetStatements')).toHaveLength(1);
    expect(screen.queryByTestId('statements-reset-dialog')).toBeNull();
  });
});
