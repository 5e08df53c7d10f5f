// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { dbStatus } from '../../test/fixtures';
import { DbBadgeView } from './DbBadge';

afterEach(cleanup);

const badge = () => screen.getByTestId('db-state').parentElement as HTMLElement;

describe('database badge', () => {
  it('shows ready in green with version, port and IST start time in the tooltip', () => {
    render(<DbBadgeView status={dbStatus({ state: 'ready', version: '18.4', port: 54321 })} stale={false} />);
    expect(screen.getByTestId('db-state').textContent).toBe('ready');
    expect(badge().className).toContain('db-ready');
    expect(badge().title).toBe('PostgreSQL 18.4 on port 54321, ready since 20-11-2026 09:15:00 IST');
    expect(screen.queryByTestId('db-reason')).toBeNull();
  });

  it('shows starting', () => {
    render(<DbBadgeView status={dbStatus({ state: 'starting', version: null, port: null })} stale={false} />);
    expect(screen.getByTestId('db-state').textContent).toBe('starting');
    expect(badge().className).toContain('db-starting');
  });

  it('shows restarting in amber with the reason', () => {
    render(<DbBadgeView status={dbStatus({ state: 'restarting', reason: 'server exited with code 9' })} stale={false} />);
    expect(screen.getByTestId('db-state').textContent).toBe('restarting');
    expect(badge().className).toContain('db-restarting');
    expect(screen.getByTestId('db-reason').textContent).toBe('server exited with code 9');
    expect(badge().title).toContain('server exited with code 9');
  });

  it('shows failed in red with the reason', () => {
    render(<DbBadgeView status={dbStatus({ state: 'failed', reason: 'migration 0002 failed' })} stale={false} />);
    expect(screen.getByTestId('db-state').textContent).toBe('failed');
    expect(badge().className).toContain('db-failed');
    expect(screen.getByTestId('db-reason').textContent).toBe('migration 0002 failed');
  });

  it('shows stopped', () => {
    render(<DbBadgeView status={dbStatus({ state: 'stopped' })} stale={false} />);
    expect(screen.getByTestId('db-state').textContent).toBe('stopped');
  });

  it('says unknown before any state arrived', () => {
    render(<DbBadgeView status={null} stale={false} />);
    expect(screen.getByTestId('db-state').textContent).toBe('unknown');
  });

  it('marks the last known state as stale while the link is down', () => {
    render(<DbBadgeView status={dbStatus({ state: 'ready' })} stale />);
    expect(screen.getByTestId('db-state').textContent).toBe('ready');
    expect(badge().className).toContain('stale');
    expect(badge().title).toMatch(/^Last known state/);
  });
});
