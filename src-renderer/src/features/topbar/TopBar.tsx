import { ConnectionBadge } from '../connection/ConnectionBadge';
import { DbBadge } from '../database/DbBadge';
import { HelpButton } from '../help/HelpButton';
import { MarketStatus } from '../market/MarketStatus';
import { KillSwitch } from '../risk/KillSwitch';
import { SettingsButton } from '../settings/SettingsButton';
import { AppModeBadge } from './AppModeBadge';
import { IstClock } from './IstClock';

export function TopBar() {
  return (
    <header className="topbar">
      <span className="brand">Tickdesk</span>
      <AppModeBadge />
      <span className="topbar-spacer" />
      <MarketStatus />
      <KillSwitch />
      <ConnectionBadge />
      <DbBadge />
      <IstClock />
      <SettingsButton />
      <HelpButton />
    </header>
  );
}
