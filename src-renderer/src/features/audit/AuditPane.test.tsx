// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEventRow, ExportProgress } from '../../../../src-shared/contract/domains/audit';
import { ClientProvider } from '../../client/client-context';
import { EMPTY_DRAFT, useAuditStore } from '../../stores/audit-store';
import { fakeClient, type FakeClient, type Handlers } from '../orders/test-fakes';
import { AuditPane } from './AuditPane';
import { VirtualTable } from './VirtualTable';

const TOTAL = 1_000_000;
const ORDER = '11111111-1111-4111-8111-111111111111';

function row(eventId: number): AuditEventRow {
  return {
    eventId, orderId: ORDER, clientOrderId: `c-${eventId}`, seq: 1, eventType: 'REQUEST_SENT', statusAfter: 'SENT',
    at: Date.UTC(2026, 2, 2, 4, 0, 0), tradingsymbol: 'RELIANCE', side: 'BUY', strategyId: 'manual', broker: 'paper',
  };
}

const handlers: Handlers = {
  'audit.count': () => ({ count: TOTAL, exact: true }),
  'audit.events': ({ afterEventId, offset, limit = 200 }) => {
    const start = afterEventId !== undefined ? TOTAL - afterEventId + 1 : (offset ?? 0);
    return { rows: Array.from({ length: limit }, (_, i) => row(TOTAL - start - i)), nextAfterEventId: null };
  },
  'audit.timeline': () => ({
    orderId: ORDER, clientOrderId: 'c-1', tradingsymbol: 'RELIANCE', side: 'BUY', status: 'OPEN',
    events: [{ eventId: 7, seq: 1, eventType: 'REQUEST_SENT', statusAfter: 'SENT', at: 0, payload: { request: { tradingsymbol: 'RELIANCE', nested: { deep: { deeper: 1 } } } }, hash: 'ab'.repeat(32) }],
  }),
  'audit.export': () => ({ exportId: 'x1', fileName: 'f.csv', total: 3 }),
  'audit.exportCancel': () => ({ cancelled: true }),
};

let client: FakeClient;
function renderPane() {
  client = fakeClient(handlers);
  render(
    <ClientProvider client={client}>
      <AuditPane />
    </ClientProvider>,
  );
}

beforeEach(() => {
  useAuditStore.setState({ tab: 'ledger', draft: EMPTY_DRAFT, applied: {}, draftError: null, selectedOrderId: null, exportProgress: null, exportError: null, maximised: false });
});
afterEach(cleanup);

describe('virtual table', () => {
  it('renders a window of rows, not a million', () => {
    render(<VirtualTable label="t" testId="vt" rowCount={TOTAL} rowHeight={24} renderRow={(i) => <span data-testid="cell">{i}</span>} />);
    const cells = screen.getAllByTestId('cell');
    expect(cells.length).toBeGreaterThan(5);
    expect(cells.length).toBeLessThan(60);
    expect(screen.getByTestId('vt').getAttribute('aria-rowcount')).toBe(String(TOTAL));
  });
});

describe('audit pane', () => {
  it('shows the count and the newest rows, and opens an order timeline as foldable JSON', async () => {
    renderPane();
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('10,00,000 events'));
    await waitFor(() => expect(screen.getAllByTestId('audit-row').length).toBeGreaterThan(5));
    expect(screen.getAllByTestId('audit-row').length).toBeLessThan(60);
    const first = screen.getAllByTestId('audit-row')[0] as HTMLElement;
    expect(first.dataset.eventId).toBe(String(TOTAL));
    expect(first.textContent).toContain('02-03-2026 09:30:00');

    fireEvent.click(first);
    const timeline = await screen.findByTestId('audit-timeline');
    const json = await within(timeline).findByTestId('audit-json');
    expect(json.textContent).toContain('"tradingsymbol": "RELIANCE"');
    // Depth 3 and below starts folded; unfolding shows it.
    expect(json.textContent).not.toContain('"deeper"');
    fireEvent.click(within(json).getAllByRole('button', { name: 'Unfold' })[0] as HTMLElement);
    expect(json.textContent).toContain('"deeper": 1');
  });

  it('a reversed range is refused in the bar with the reason, without a call', async () => {
    renderPane();
    await waitFor(() => expect(client.callsOf('audit.count')).toHaveLength(1));
    fireEvent.change(screen.getByTestId('audit-from'), { target: { value: '2026-03-05' } });
    fireEvent.change(screen.getByTestId('audit-to'), { target: { value: '2026-03-01' } });
    fireEvent.click(screen.getByTestId('audit-apply'));
    expect(screen.getByTestId('audit-filter-error').textContent).toContain('reversed');
    expect(client.callsOf('audit.count')).toHaveLength(1);

    fireEvent.change(screen.getByTestId('audit-from'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByTestId('audit-symbol'), { target: { value: 'reliance' } });
    fireEvent.click(screen.getByTestId('audit-apply'));
    await waitFor(() => expect(client.callsOf('audit.count')).toHaveLength(2));
    expect(client.callsOf('audit.count')[1]).toEqual({ filters: { from: '2026-03-01', to: '2026-03-01', symbol: 'RELIANCE' } });
  });

  it('export needs a range, then shows progress with cancel, then the SHA-256', async () => {
    renderPane();
    fireEvent.click(screen.getByTestId('audit-export-start'));
    expect(screen.getByTestId('audit-export-error').textContent).toContain('From and a To');

    fireEvent.change(screen.getByTestId('audit-from'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByTestId('audit-to'), { target: { value: '2026-03-02' } });
    fireEvent.click(screen.getByTestId('audit-export-start'));
    await waitFor(() => expect(client.callsOf('audit.export')).toEqual([{ filters: { from: '2026-03-01', to: '2026-03-02' }, bom: false }]));
    const base: ExportProgress = { exportId: 'x1', fileName: 'f.csv', state: 'running', rowsDone: 1, total: 3, bytes: 10, sha256: null, path: null, downloadPath: null, message: null };
    act(() => client.emit('audit.exportProgress', base));
    expect(screen.getByTestId('audit-export-rows').textContent).toBe('1 / 3 rows');
    fireEvent.click(screen.getByTestId('audit-export-cancel'));
    await waitFor(() => expect(client.callsOf('audit.exportCancel')).toEqual([{ exportId: 'x1' }]));

    act(() => client.emit('audit.exportProgress', { ...base, state: 'done', rowsDone: 3, sha256: 'f'.repeat(64), path: '/d/exports/f.csv', downloadPath: '/exports/f.csv' }));
    expect(screen.getByTestId('audit-export-sha256').textContent).toBe('f'.repeat(64));
    expect(screen.getByTestId('audit-export-download').getAttribute('href')).toBe('/exports/f.csv');
  });
});
