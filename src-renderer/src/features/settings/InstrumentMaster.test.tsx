// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src-shared/contract';
import type { DrillReportView, DrillStatusView } from '../../../../src-shared/contract/domains/brokers';
import { ClientProvider } from '../../client/client-context';
import { fakeClient, type FakeClient } from '../../test/fake-client';
import { InstrumentMaster } from './InstrumentMaster';
import { resetDrillStore } from './drill-store';

afterEach(() => {
  cleanup();
  resetDrillStore();
});

// 2026-01-20 02:30 UTC = 08:00 IST.
const AT = Date.UTC(2026, 0, 20, 2, 30, 0);

const kiteOk: DrillReportView = {
  broker: 'kite',
  ok: true,
  at: AT,
  summary: { rows: 98_765, upserted: 98_700, inserted: 120, updated: 98_580, bad: 3, unsupported: 62, segments: null },
  error: null,
};

const drillStatus = (overrides: Partial<DrillStatusView> = {}): DrillStatusView => ({ brokers: ['kite'], running: false, progress: [], reports: [], nextAt: null, ...overrides });

function mount(client: FakeClient) {
  render(
    <ClientProvider client={client}>
      <InstrumentMaster />
    </ClientProvider>,
  );
}

describe('Settings → Instrument master', () => {
  it('shows the last drill in IST with its counts', async () => {
    mount(fakeClient({ 'brokers.drillStatus': () => drillStatus({ reports: [kiteOk], nextAt: AT + 86_400_000 }) }));
    const kite = await screen.findByTestId('drill-kite');
    expect(within(kite).getByTestId('drill-when').textContent).toContain('20-01-2026 08:00:00 IST');
    expect(within(kite).getByTestId('drill-outcome').textContent).toBe('ok');
    expect(within(kite).getByTestId('drill-summary').textContent).toBe('98,765 rows · 120 new, 98,580 updated · 3 bad rows · 62 unsupported');
    expect(within(kite).queryByTestId('drill-error')).toBeNull();
    expect(screen.getByTestId('drill-next').textContent).toContain('21-01-2026 08:00:00 IST');
  });

  it('shows a failed drill with its error, and Kotak counts as upserted with segments', async () => {
    mount(fakeClient({
      'brokers.drillStatus': () => drillStatus({
        brokers: ['kite', 'kotak'],
        reports: [
          { broker: 'kite', ok: false, at: AT, summary: null, error: 'Kite answered HTTP 502 with an HTML page (502 Bad Gateway)' },
          { broker: 'kotak', ok: true, at: AT, summary: { rows: 4, upserted: 3, inserted: null, updated: null, bad: 1, unsupported: 0, segments: 2 }, error: null },
        ],
      }),
    }));
    const kite = await screen.findByTestId('drill-kite');
    expect(within(kite).getByTestId('drill-outcome').textContent).toBe('failed');
    expect(within(kite).getByTestId('drill-error').textContent).toBe('Kite answered HTTP 502 with an HTML page (502 Bad Gateway) — yesterday’s instruments stay in use.');
    expect(within(kite).queryByTestId('drill-summary')).toBeNull();
    const kotak = screen.getByTestId('drill-kotak');
    expect(within(kotak).getByTestId('drill-summary').textContent).toBe('4 rows · 3 upserted · 1 bad row · 0 unsupported · 2 segments');
  });

  it('with the paper broker says there is no master to download and offers no button', async () => {
    mount(fakeClient({ 'brokers.drillStatus': () => drillStatus({ brokers: [] }) }));
    expect((await screen.findByTestId('drill-paper')).textContent).toContain('simulated universe');
    expect(screen.queryByTestId('drill-now')).toBeNull();
  });

  it('Download now: a progress bar with the phase while it runs, then the new summary', async () => {
    let finish: (reports: DrillReportView[]) => void = () => {};
    // Main's view: the reports change when the drill ends.
    let lastReports: DrillReportView[] = [];
    const client = fakeClient({
      'brokers.drillStatus': () => drillStatus({ reports: lastReports }),
      'brokers.drill': () => new Promise((resolve) => {
        finish = (reports) => {
          lastReports = reports;
          resolve({ reports });
        };
      }),
    });
    mount(client);
    expect((await screen.findByTestId('drill-never')).textContent).toContain('not downloaded');
    fireEvent.click(screen.getByTestId('drill-now'));
    expect(client.callsOf('brokers.drill')).toHaveLength(1);
    await waitFor(() => expect((screen.getByTestId('drill-now') as HTMLButtonElement).disabled).toBe(true));

    act(() => client.emit('brokers.drillProgress', { broker: 'kite', phase: 'download', segment: null, done: 0, total: null, at: AT }));
    expect(screen.getByTestId('drill-progress-text').textContent).toBe('Downloading…');
    expect(screen.getByRole('progressbar').hasAttribute('value')).toBe(false);

    act(() => client.emit('brokers.drillProgress', { broker: 'kite', phase: 'upsert', segment: null, done: 1_000, total: 2_500, at: AT }));
    expect(screen.getByTestId('drill-progress').getAttribute('data-phase')).toBe('upsert');
    expect(screen.getByTestId('drill-progress-text').textContent).toBe('Saving instruments: 1,000 of 2,500');
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(1_000);
    // A second click while running does not start another call.
    fireEvent.click(screen.getByTestId('drill-now'));
    expect(client.callsOf('brokers.drill')).toHaveLength(1);

    await act(async () => finish([kiteOk]));
    await waitFor(() => expect(screen.queryByTestId('drill-progress')).toBeNull());
    expect(screen.getByTestId('drill-summary').textContent).toContain('98,765 rows');
    expect((screen.getByTestId('drill-now') as HTMLButtonElement).disabled).toBe(false);
  });

  it('picks up a drill already running in main and clears it on brokers.drillFinished', async () => {
    const client = fakeClient({
      'brokers.drillStatus': () => drillStatus({ brokers: ['kotak'], running: true, progress: [{ broker: 'kotak', phase: 'download', segment: 'nse_fo', done: 4_200, total: null, at: AT }] }),
    });
    mount(client);
    expect((await screen.findByTestId('drill-progress-text')).textContent).toBe('Downloading nse_fo: 4,200 rows');
    expect((screen.getByTestId('drill-now') as HTMLButtonElement).disabled).toBe(true);
    act(() => client.emit('brokers.drillFinished', { reports: [{ broker: 'kotak', ok: false, at: AT, summary: { rows: 4_200, upserted: 0, inserted: null, updated: null, bad: 0, unsupported: 0, segments: 1 }, error: 'nse_fo: HTTP 502 for nse_fo' }] }));
    expect(screen.queryByTestId('drill-progress')).toBeNull();
    expect(screen.getByTestId('drill-outcome').textContent).toBe('failed');
    expect(screen.getByTestId('drill-error').textContent).toContain('nse_fo: HTTP 502');
  });

  it('shows the refusal when main has no broker to drill', async () => {
    const client = fakeClient({
      'brokers.drillStatus': () => drillStatus(),
      'brokers.drill': () => {
        throw new ContractError('UNAVAILABLE', 'No broker instrument master to download: Tickdesk runs on the paper broker.');
      },
    });
    mount(client);
    fireEvent.click(await screen.findByTestId('drill-now'));
    expect((await screen.findByTestId('drill-call-error')).textContent).toContain('paper broker');
  });
});
