import { AuditPane } from '../audit/AuditPane';
import { BackupsLauncher } from '../backup/BackupsLauncher';
import { ChartPane } from '../chart/ChartPane';
import { DatabasePane } from '../database/DatabasePane';
import { DbFailedOverlay } from '../database/DbFailedOverlay';
import { MarketSync } from '../market/MarketSync';
import { Toasts } from '../notifications/Toasts';
import { OrdersPane } from '../orders/OrdersPane';
import { OrdersSync } from '../orders/OrdersSync';
import { PositionsPane } from '../positions/PositionsPane';
import { TicketHost } from '../ticket/TicketHost';
import { WatchlistPane } from '../watchlist/WatchlistPane';

/** The terminal's panes; later versions fill the placeholders in place. */
export function Workspace() {
  return (
    <main className="workspace">
      <MarketSync />
      <WatchlistPane />
      <ChartPane />
      <OrdersSync />
      <OrdersPane />
      <PositionsPane />
      <AuditPane />
      <DatabasePane />
      <BackupsLauncher />
      <DbFailedOverlay />
      <TicketHost />
      <Toasts />
    </main>
  );
}
