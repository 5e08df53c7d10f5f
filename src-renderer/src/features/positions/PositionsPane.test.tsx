// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientProvider } from '../../client/client-context';
import { applyPositions, applyPositionsSnapshot, usePositionsStore } from '../../stores/positions-store';
import { setRiskState, useRiskStore } from '../../stores/risk-store';
import { useTicketStore } from '../../stores/ticket-store';
import { fakeClient, position, riskState } from '../orders/test-fakes';
import { positionTotals } from './position-totals';
import { PositionsPane } from './PositionsPane';

function renderPane() {
  render(
    <ClientProvider client={fakeClient({})}>
      <PositionsPane />
    </ClientProvider>,
  );
}

beforeEach(() => {
  usePositionsStore.setState({ positions: {}, loaded: false, error: null });
  useRiskStore.setState({ state: null, error: null });
  useTicketStore.setState({ open: false, side: 'BUY', session: 0 });
});
afterEach(cleanup);

describe('positions pane', () => {
  it('shows each position with exact P&L, coloured, and a totals row', () => {
    applyPositionsSnapshot(
      [
        position(),
        position({ token: 9, tradingsymbol: 'NIFTY26DECFUT', product: 'NRML', netQuantity: -65, averagePrice: 2_600_000, ltp: 2_601_010, unrealisedPnl: -65_650, realisedPnl: 1_000_005, dayPnl: 934_355, totalPnl: 934_355 }),
      ],
      new Set(),
    );
    setRiskState(riskState());
    renderPane();
    const rows = screen.getAllByTestId('positions-row');
    expect(rows.map((row) => row.dataset.symbol)).toEqual(['NIFTY26DECFUT', 'RELIANCE']);
    const nifty = rows[0] as HTMLElement;
    expect(within(nifty).getByTestId('positions-qty').textContent).toBe('-65');
    expect(within(nifty).getByTestId('positions-ltp').textContent).toBe('26,010.10');
    expect(within(nifty).getByTestId('positions-unrealised').textContent).toBe('-₹656.50');
    expect(within(nifty).getByTestId('positions-unrealised').className).toContain('pnl-down');
    expect(within(nifty).getByTestId('positions-total').className).toContain('pnl-up');
    expect(screen.getByTestId('positions-totals-day').textContent).toBe('+₹9,448.55');
    expect(screen.getByTestId('risk-loss-limit').textContent).toBe('Daily loss limit ₹5,000.00 (25 % used)');
    expect(screen.getByTestId('risk-day-pnl').textContent).toBe('-₹1,250.50');
  });

  it('follows positions.changed live', () => {
    applyPositionsSnapshot([position()], new Set());
    renderPane();
    expect(screen.getByTestId('positions-unrealised').textContent).toBe('+₹105.00');
    act(() => applyPositions([position({ ltp: 249_000, unrealisedPnl: -10_000, totalPnl: -10_000, dayPnl: -10_000 })]));
    expect(screen.getByTestId('positions-unrealised').textContent).toBe('-₹100.00');
    expect(screen.getByTestId('positions-ltp').textContent).toBe('2,490.00');
  });

  it('opens a closing ticket from Exit: opposite side, its quantity and product', () => {
    applyPositionsSnapshot([position({ netQuantity: 10, product: 'MIS' })], new Set());
    renderPane();
    fireEvent.click(screen.getByTestId('positions-exit'));
    expect(useTicketStore.getState()).toMatchObject({ open: true, side: 'SELL', prefill: { token: 1_900_100_001, quantity: 10, product: 'MIS', symbol: 'RELIANCE' } });
  });

  it('sums totals in integer paise', () => {
    const totals = positionTotals([position({ realisedPnl: 1 }), position({ realisedPnl: 2 }), position({ realisedPnl: -4 })]);
    expect(totals.realisedPnl).toBe(-1);
    expect(Number.isInteger(totals.totalPnl)).toBe(true);
  });
});
