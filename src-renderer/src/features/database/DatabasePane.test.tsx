// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { dbStatus } from '../../test/fixtures';
import { DatabasePaneView } from './DatabasePane';
import { DbFailedView } from './DbFailedOverlay';

afterEach(cleanup);

describe('Database pane', () => {
  it('shows the real status fields, ready time in IST', () => {
    render(<DatabasePaneView status={dbStatus({ restarts: 2 })} readError={null} stale={false} />);
    expect(screen.getByTestId('db-field-version').textContent).toBe('18.4');
    expect(screen.getByTestId('db-field-port').textContent).toBe('54321');
    expect(screen.getByTestId('db-field-pid').textContent).toBe('4242');
    expect(screen.getByTestId('db-field-data-dir').textContent).toBe('/home/trader/.tickdesk');
    expect(screen.getByTestId('db-field-size').textContent).toBe('8.0 MB');
    expect(screen.getByTestId('db-field-schema').textContent).toBe('0001_core_schema');
    expect(screen.getByTestId('db-field-restarts').textContent).toBe('2');
    expect(screen.getByTestId('db-field-ready-since').textContent).toBe('20-11-2026 09:15:00 IST');
  });

  it('shows dashes, not zeros, for what is not known yet', () => {
    render(
      <DatabasePaneView
        status={dbStatus({ state: 'starting', version: null, port: null, pid: null, sizeBytes: null, readySince: null, schemaVersion: null })}
        readError={null}
        stale={false}
      />,
    );
    expect(screen.getByTestId('db-field-port').textContent).toBe('—');
    expect(screen.getByTestId('db-field-size').textContent).toBe('—');
    expect(screen.getByTestId('db-field-schema').textContent).toBe('no migration applied');
  });

  it('says it is waiting before any state arrived, and shows a read error', () => {
    render(<DatabasePaneView status={null} readError="Not connected to Tickdesk" stale />);
    expect(screen.queryByTestId('db-stale')).toBeNull();
    expect(screen.getByTestId('pane-database').textContent).toContain('Waiting for the database state');
    expect(screen.getByTestId('pane-database').textContent).toContain('Not connected to Tickdesk');
  });

  it('labels the fields as last known while the link is down', () => {
    render(<DatabasePaneView status={dbStatus()} readError={null} stale />);
    expect(screen.getByTestId('db-stale').textContent).toContain('Last known state');
    expect(screen.getByTestId('db-field-version').textContent).toBe('18.4');
  });
});

describe('database failed screen', () => {
  it('gives the reason, says the data was left alone and what to do in browser mode', () => {
    render(
      <DbFailedView
        status={dbStatus({ state: 'failed', reason: 'Migration 0002_orders failed: syntax error', dataDir: '/data/td' })}
        mode="browser"
      />,
    );
    expect(screen.getByTestId('db-failed-reason').textContent).toBe('Migration 0002_orders failed: syntax error');
    const text = screen.getByTestId('db-failed').textContent ?? '';
    expect(text).toContain('/data/td');
    expect(text).toContain('left as it was');
    expect(text).toContain('Ctrl-C');
  });

  it('tells an Electron user to restart the app', () => {
    render(<DbFailedView status={dbStatus({ state: 'failed', reason: 'port in use' })} mode="electron" />);
    expect(screen.getByTestId('db-failed').textContent).toContain('quit Tickdesk and start it again');
  });
});
