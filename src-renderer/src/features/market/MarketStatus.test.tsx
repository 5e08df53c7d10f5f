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

  it('warns about a broker feed\'s wire problems, naming only what is above zero, with all four in the title', () => {
    const wire = { badFrames: 12, unknownInstruments: 3, badMessages: 0, refusedSubscriptions: 0 };
    render(<MarketStatusView health={sampleHealth({ simulated: false, feed: 'kite', wire })} stale={false} />);
    const warning = screen.getByTestId('feed-wire');
    expect(warning.textContent).toBe('Kite: 12 bad frames · 3 unknown instruments');
    expect(warning.getAttribute('title')).toBe('Kite feed, since it connected: 12 bad frames, 3 unknown instruments, 0 bad messages, 0 refused subscriptions');
    // Styled as the drop warning is.
    expect(warning.className).toContain('has-drops');
  });

  it('counts one of a kind in the singular', () => {
    render(<MarketStatusView health={sampleHealth({ simulated: false, feed: 'kotak', wire: { badFrames: 0, unknownInstruments: 0, badMessages: 1, refusedSubscriptions: 1 } })} stale={false} />);
    expect(screen.getByTestId('feed-wire').textContent).toBe('Kotak: 1 bad message · 1 refused subscription');
  });

  it('shows no wire warning when every count is zero or the feed keeps none', () => {
    const { rerender } = render(<MarketStatusView health={sampleHealth({ simulated: false, feed: 'kite', wire: { badFrames: 0, unknownInstruments: 0, badMessages: 0, refusedSubscriptions: 0 } })} stale={false} />);
    expect(screen.queryByTestId('feed-wire')).toBeNull();
    rerender(<MarketStatusView health={sampleHealth({ wire: null })} stale={false} />);
    expect(screen.queryByTestId('feed-wire')).toBeNull();
  });
});
