import { ConnectionBadge } from '../connection/ConnectionBadge';
import { DbBadge } from '../database/DbBadge';
import { AppModeBadge } from './AppModeBadge';
import { IstClock } from './IstClock';

export function TopBar() {
  return (
    <header className="topbar">
      <span className="brand">Tickdesk</span>
      <AppModeBadge />
      <span className="topbar-spacer" />
      <ConnectionBadge />
      <DbBadge />
      <IstClock />
    </header>
  );
}
