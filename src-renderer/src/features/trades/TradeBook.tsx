import type { ChargeBreakdownWire, Fill } from '../../../../src-shared/contract/domains/orders';
import { formatIstTime } from '../../format/ist-time';
import { formatInr, formatRupees } from '../../format/money';
import { formatQuantity } from '../../format/quantity';
import { useTradesStore } from '../../stores/trades-store';

const BREAKDOWN: ReadonlyArray<[keyof ChargeBreakdownWire, string]> = [
  ['brokerage', 'Brokerage'],
  ['stt', 'STT/CTT'],
  ['exchangeTxn', 'Exchange txn'],
  ['sebiFee', 'SEBI fee'],
  ['gst', 'GST'],
  ['stampDuty', 'Stamp duty'],
];

/** The tooltip of a fill's charges: each line of the NSE schedule, to the paisa. */
export function chargesTooltip(charges: ChargeBreakdownWire): string {
  return [
    `Turnover ${formatInr(charges.turnover)}`,
    ...BREAKDOWN.map(([field, label]) => `${label} ${formatInr(charges[field])}`),
    `Total ${formatInr(charges.total)}`,
  ].join('\n');
}

export function TradeBookView({ fills }: { fills: readonly Fill[] }) {
  if (fills.length === 0) {
    return (
      <p className="pane-note" data-testid="trades-empty">
        No trades yet today.
      </p>
    );
  }
  return (
    <table className="grid-table trades-table" data-testid="trades-table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Symbol</th>
          <th scope="col">Side</th>
          <th scope="col">Qty</th>
          <th scope="col">Price</th>
          <th scope="col">Charges</th>
        </tr>
      </thead>
      <tbody>
        {fills.map((fill) => (
          <tr key={fill.fillId} data-testid="trades-row" data-symbol={fill.tradingsymbol}>
            <td className="num">{formatIstTime(fill.filledAt)}</td>
            <td className="sym" title={`${fill.product} · ${fill.strategyId} · ${fill.brokerTradeId}`}>
              {fill.tradingsymbol}
            </td>
            <td className={`side side-${fill.side.toLowerCase()}`}>{fill.side}</td>
            <td className="num">{formatQuantity(fill.quantity)}</td>
            <td className="num">{formatRupees(fill.price)}</td>
            <td className="num charges" title={chargesTooltip(fill.charges)} data-testid="trades-charges">
              {formatRupees(fill.charges.total)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The trade book tab: trades.list, then trades.new as they come. */
export function TradeBook() {
  const fills = useTradesStore((s) => s.fills);
  const error = useTradesStore((s) => s.error);
  return (
    <>
      {error ? <p className="pane-error">{error}</p> : null}
      <TradeBookView fills={fills} />
    </>
  );
}
