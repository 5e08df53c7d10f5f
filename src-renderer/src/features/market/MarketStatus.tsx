import type { FeedHealth } from '../../../../src-shared/market/feed-health';
import type { FeedWireProblems } from '../../../../src-shared/market/wire-problems';
import { useConnectionStore } from '../../stores/connection-store';
import { useFeedHealthStore } from '../../stores/feed-health-store';
import { describeMarketStatus } from './market-status';
import './market-status.css';

interface MarketStatusViewProps {
  health: FeedHealth | null;
  /** The link to main is down: this is the last line we heard. */
  stale: boolean;
}

const WIRE_LABELS: Readonly<Record<keyof FeedWireProblems, readonly [one: string, many: string]>> = {
  badFrames: ['bad frame', 'bad frames'],
  unknownInstruments: ['unknown instrument', 'unknown instruments'],
  badMessages: ['bad message', 'bad messages'],
  refusedSubscriptions: ['refused subscription', 'refused subscriptions'],
};

const counted = (count: number, [one, many]: readonly [string, string]) => `${count} ${count === 1 ? one : many}`;

/**
 * What a broker's feed could not use off the wire, or null when nothing: the trader
 * must know that data is being lost even while ticks still flow. The line names only
 * the non-zero counts to stay short; the title gives all four.
 */
function wireWarning(health: FeedHealth): { text: string; title: string } | null {
  const wire = health.wire;
  if (!wire) return null;
  const kinds = Object.keys(WIRE_LABELS) as (keyof FeedWireProblems)[];
  const shown = kinds.filter((kind) => wire[kind] > 0);
  if (shown.length === 0) return null;
  const broker = health.feed.charAt(0).toUpperCase() + health.feed.slice(1);
  return {
    text: `${broker}: ${shown.map((kind) => counted(wire[kind], WIRE_LABELS[kind])).join(' · ')}`,
    title: `${broker} feed, since it connected: ${kinds.map((kind) => counted(wire[kind], WIRE_LABELS[kind])).join(', ')}`,
  };
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
  const wire = wireWarning(health);
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
        {wire ? (
          <span className="feed-figure has-drops" data-testid="feed-wire" title={wire.title}>
            {wire.text}
          </span>
        ) : null}
      </span>
    </span>
  );
}

export function MarketStatus() {
  const health = useFeedHealthStore((s) => s.health);
  const connected = useConnectionStore((s) => s.status.state === 'open');
  return <MarketStatusView health={health} stale={health !== null && !connected} />;
}
