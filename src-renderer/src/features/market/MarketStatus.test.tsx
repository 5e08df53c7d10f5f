// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedHealth } from '../../../../src-shared/market/feed-health';
import { describeMarketStatus } from './market-status';
import { MarketStatusView } from './MarketStatus';
import { sampleHealth } from './test-health';

afterEach(cleanup);

const withDrops = (dropped: Partial<FeedHealth['dropped']>): FeedHealth => {
  const health = sampleHealth();
  return { ...health, dropped: { ...health.dropped, ...dropped } };
};

describe('market status', () => {
  it('labels simulated data SIMULATED, with phase, rate, drops and lag', () => {
    render(<MarketStatusView health={sampleHealth({ ticksPerSec: 12_345 })} stale={false} />);
    expect(screen.getByTestId('market-simulated').textContent).toBe('SIMULATED');
    expect(screen.getByTestId('market-phase').textContent).toBe('Open');
    expect(screen.getByTestId('feed-state').textContent).toBe('simulated');
    expect(screen.getByTestId('feed-rate').textContent).toBe('12k/s');
    expect(screen.getByTestId('feed-drops').textContent).toBe('drops 0');
    expect(screen.getByTestId('feed-lag').textContent).toBe('lag 12 ms');
  });

  it('never says SIMULATED for a real feed', () => {
    render(<MarketStatusView health={sampleHealth({ simulated: false, feed: 'kite' })} stale={false} />);
    expect(screen.queryByTestId('market-simulated')).toBeNull();
  });

  it('waits plainly before the first health line', () => {
    render(<MarketStatusView health={null} stale={false} />);
    expect(screen.getByTestId('market-phase').textContent).toBe('waiting for the feed');
  });

  it('sums drops by reason and names them; flags a disconnected or journaling feed', () => {
    const view = describeMarketStatus(withDrops({ duplicate: 3, badPrice: 2 }));
    expect(view.drops).toBe(5);
    expect(view.dropsTitle).toBe('badPrice 2, duplicate 3');
    expect(describeMarketStatus(sampleHealth({ connected: false }))).toMatchObject({ feed: 'simulated disconnected', feedTone: 'bad' });
    expect(describeMarketStatus(sampleHealth({ writer: 'journaling' }))).toMatchObject({ feed: 'simulated · journaling', feedTone: 'warn' });
    expect(describeMarketStatus(sampleHealth({ sessionPhase: 'pre-open-matching' })).phase).toBe('Pre-open (matching)');
    expect(describeMarketStatus(sampleHealth({ sessionPhase: 'closed', simulatingOutsideHours: true })).title).toContain('simulating outside market hours');
    expect(describeMarketStatus(sampleHealth({ lagMs: null })).lag).toBe('—');
  });
});
