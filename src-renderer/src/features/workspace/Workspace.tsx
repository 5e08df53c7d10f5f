import { DatabasePane } from '../database/DatabasePane';
import { DbFailedOverlay } from '../database/DbFailedOverlay';
import { PlaceholderPane } from './PlaceholderPane';

/** The terminal's panes; later versions fill the placeholders in place. */
export function Workspace() {
  return (
    <main className="workspace">
      <PlaceholderPane
        title="Watchlist"
        area="watchlist"
        later="Instrument search and live prices will appear here in a later version."
      />
      <PlaceholderPane
        title="Chart"
        area="chart"
        later="Candles and volume from stored history and live ticks will appear here in a later version."
      />
      <PlaceholderPane
        title="Order ticket / Orders"
        area="orders"
        later="No order can be placed from this version. The order ticket and the order book will appear here later."
      />
      <PlaceholderPane
        title="Positions"
        area="positions"
        later="Positions and P&L from your fills will appear here in a later version."
      />
      <PlaceholderPane
        title="Audit"
        area="audit"
        later="The history of orders, settings and logins, with CSV export, will appear here in a later version."
      />
      <DatabasePane />
      <DbFailedOverlay />
    </main>
  );
}
