import { useState, type ReactNode } from 'react';
import { ActivityTab } from './ActivityTab';
import { ConsoleTab } from './ConsoleTab';
import './dbadmin.css';
import './dbadmin-console.css';
import { ServerTab } from './ServerTab';
import { StatementsTab } from './StatementsTab';
import { TablesTab } from './TablesTab';
import { WalTab } from './WalTab';

export const DBADMIN_TABS = ['Server', 'Tables', 'Activity', 'Statements', 'WAL', 'Console'] as const;
export type DbAdminTab = (typeof DBADMIN_TABS)[number];

/**
 * The Database pane's tabs. Only the open tab is mounted, so only it reads
 * the server (Activity keeps polling only while shown). The pane's corner is
 * small for a grid of statements or a query result, so "Expand" lifts the
 * panel over the workspace until collapsed again (or Escape).
 */
export function DbAdminTabs({ status, initialTab = 'Server' }: { status: ReactNode; initialTab?: DbAdminTab }) {
  const [tab, setTab] = useState<DbAdminTab>(initialTab);
  const [expanded, setExpanded] = useState(false);
  return (
    <div
      className={expanded ? 'dba dba-expanded' : 'dba'}
      data-testid="dbadmin"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && expanded) setExpanded(false);
      }}
    >
      <div className="dba-tabs" role="tablist" aria-label="Database panel">
        {DBADMIN_TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'dba-tab dba-tab-on' : 'dba-tab'}
            data-testid={`dbadmin-tab-${name.toLowerCase()}`}
            onClick={() => setTab(name)}
          >
            {name}
          </button>
        ))}
        <button type="button" className="dba-tab dba-expand" aria-pressed={expanded} data-testid="dbadmin-expand" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Collapse' : 'Expand'}
        </button>
      </div>
      <div className="dba-body" role="tabpanel" aria-label={tab}>
        {tab === 'Server' ? <ServerTab status={status} /> : null}
        {tab === 'Tables' ? <TablesTab /> : null}
        {tab === 'Activity' ? <ActivityTab /> : null}
        {tab === 'Statements' ? <StatementsTab /> : null}
        {tab === 'WAL' ? <WalTab /> : null}
        {tab === 'Console' ? <ConsoleTab /> : null}
      </div>
    </div>
  );
}
