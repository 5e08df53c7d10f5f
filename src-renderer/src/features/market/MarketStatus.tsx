import type { FeedHealth } from '../../../../src-shared/market/feed-health';
import { useConnectionStore } from '../../stores/connection-store';
import { useFeedHealthStore } from '../../stores/feed-health-store';
import { describeMarketStatus } from './market-status';
import './market-status.css';

interface MarketStatusViewProps {
  health: FeedHealth | null;
  /** The link to main is down: this is the last line we heard. */
  stale: boolean;
}

export function MarketStatusView({ health, stale }: MarketStatusViewProps) {
  if (!health) {
    return (
      <span className="badge market-status tone-muted" data-testid="market-status">
        <span className="badge-label">NSE</span>
        <span data-testid="market-phase">waiting for the feed</span>
      </span>
    );
  }
  const view = describeMarketStatus(health);
  return (
    <span className={`market-status-group${stale ? ' stale' : ''}`} data-testid="market-status" title={stale ? `Last known state — the connection to Tickdesk is down.\n${view.title}` : view.title}>
      {view.simulated ? (
        <span className="badge market-simulated" data-testid="market-simulated">
          SIMULATED
        </span>
      ) : null}
      <span className={`badge tone-${view.phaseTone}`}>
        <span className="badge-label">NSE</span>
        <span data-testid="market-phase">{view.phase}</span>
      </span>
      <span className={`badge feed-badge tone-${view.feedTone}`}>
        <span className="feed-dot" aria-hidden="true" />
        <span data-testid="feed-state">{view.feed}</span>
        <span className="feed-figure" data-testid="feed-rate">
          {view.ticksPerSec}/s
        </span>
        <span className={`feed-figure${view.drops > 0 ? ' has-drops' : ''}`} data-testid="feed-drops" title={view.dropsTitle || 'nothing dropped'}>
          drops {view.drops}
        </span>
        <span className="feed-figure" data-testid="feed-lag">
          lag {view.lag}
        </span>
      </span>
    </span>
  );
}

export function MarketStatus() {
  const health = useFeedHealthStore((s) => s.health);
  const connected = useConnectionStore((s) => s.status.state === 'open');
  return <MarketStatusView health={health} stale={health !== null && !connected} />;
}
