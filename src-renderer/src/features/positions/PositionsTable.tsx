import type { Position } from '../../../../src-shared/contract/domains/orders';
import { directionOf } from '../../format/direction';
import { formatPnl, formatRupees } from '../../format/money';
import { formatQuantity } from '../../format/quantity';
import { positionTotals } from './position-totals';

function Pnl({ paise, testId }: { paise: number; testId?: string }) {
  return (
    <td className={`num pnl-${directionOf(paise)}`} data-testid={testId}>
      {formatPnl(paise)}
    </td>
  );
}

interface PositionsTableProps {
  positions: readonly Position[];
  /** Opens a ticket that closes the position (opposite side, its quantity and product). */
  onExit(position: Position): void;
}

/** One row per (symbol, product, strategy), marked to the live LTP, and a totals row. */
export function PositionsTable({ positions, onExit }: PositionsTableProps) {
  if (positions.length === 0) {
    return (
      <p className="pane-note" data-testid="positions-empty">
        No positions. Fills from your orders show here with live P&amp;L.
      </p>
    );
  }
  const totals = positionTotals(positions);
  return (
    <table className="grid-table positions-table" data-testid="positions-table">
      <thead>
        <tr>
          <th scope="col">Symbol</th>
          <th scope="col">Prod</th>
          <th scope="col">Strategy</th>
          <th scope="col">Net qty</th>
          <th scope="col">Avg</th>
          <th scope="col">LTP</th>
          <th scope="col">Unrealised</th>
          <th scope="col">Realised</th>
          <th scope="col">Day P&amp;L</th>
          <th scope="col">Total</th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {positions.map((p) => (
          <tr
            key={`${p.token}|${p.product}|${p.strategyId}`}
            data-testid="positions-row"
            data-symbol={p.tradingsymbol}
            data-product={p.product}
            className={p.netQuantity === 0 ? 'flat' : undefined}
          >
            <td className="sym">{p.tradingsymbol}</td>
            <td>{p.product}</td>
            <td>{p.strategyId}</td>
            <td className={`num ${p.netQuantity > 0 ? 'side-buy' : p.netQuantity < 0 ? 'side-sell' : ''}`} data-testid="positions-qty">
              {formatQuantity(p.netQuantity)}
            </td>
            <td className="num">{formatRupees(p.averagePrice)}</td>
            <td className="num" data-testid="positions-ltp">
              {formatRupees(p.ltp)}
            </td>
            <Pnl paise={p.unrealisedPnl} testId="positions-unrealised" />
            <Pnl paise={p.realisedPnl} />
            <Pnl paise={p.dayPnl} testId="positions-day" />
            <Pnl paise={p.totalPnl} testId="positions-total" />
            <td>
              {p.netQuantity !== 0 ? (
                <button type="button" className="mini" data-testid="positions-exit" title="Open a ticket that closes this position" onClick={() => onExit(p)}>
                  Exit
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="positions-totals" data-testid="positions-totals">
          <th scope="row" colSpan={6}>
            Total
          </th>
          <Pnl paise={totals.unrealisedPnl} />
          <Pnl paise={totals.realisedPnl} />
          <Pnl paise={totals.dayPnl} testId="positions-totals-day" />
          <Pnl paise={totals.totalPnl} testId="positions-totals-total" />
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
