/**
 * The top bar's market status line from the feed health: what phase NSE is
 * in, whether the feed is connected and flowing, what is being dropped, and
 * whether the data is SIMULATED (the trader must never mistake it for real).
 */
import type { FeedHealth, SessionPhaseName } from '../../../../src-shared/market/feed-health';
import { formatBytes } from '../../format/bytes';
import { formatCompactCount, formatCount } from '../../format/quantity';

const PHASE_LABEL: Readonly<Record<SessionPhaseName, string>> = {
  'pre-open': 'Pre-open',
  'pre-open-matching': 'Pre-open (matching)',
  'pre-open-buffer': 'Pre-open (buffer)',
  open: 'Open',
  'closing-session': 'Closing session',
  closed: 'Closed',
};

export type StatusTone = 'ok' | 'warn' | 'bad' | 'muted';

export interface MarketStatusView {
  phase: string;
  phaseTone: StatusTone;
  feed: string;
  feedTone: StatusTone;
  simulated: boolean;
  ticksPerSec: string;
  drops: number;
  dropsTitle: string;
  lag: string;
  /** One line of details for the tooltip. */
  title: string;
}

export function totalDrops(health: FeedHealth): number {
  let total = 0;
  for (const count of Object.values(health.dropped)) total += count ?? 0;
  return total;
}

export function describeMarketStatus(health: FeedHealth): MarketStatusView {
  const phase = PHASE_LABEL[health.sessionPhase];
  const feedTone: StatusTone = !health.connected ? 'bad' : health.writer === 'journaling' || health.lastError ? 'warn' : 'ok';
  const feed = !health.connected ? `${health.feed} disconnected` : health.writer === 'journaling' ? `${health.feed} · journaling` : health.feed;
  const drops = totalDrops(health);
  const dropsTitle = Object.entries(health.dropped)
    .filter(([, count]) => (count ?? 0) > 0)
    .map(([reason, count]) => `${reason} ${count ?? 0}`)
    .join(', ');
  const lag = health.lagMs ? `${Math.round(health.lagMs.p99)} ms` : '—';
  const details = [
    `NSE ${phase.toLowerCase()}${health.simulatingOutsideHours ? ' (simulating outside market hours)' : ''}`,
    `feed ${feed}`,
    `${formatCount(health.accepted)} accepted, ${formatCount(health.written)} written`,
    drops > 0 ? `dropped: ${dropsTitle}` : 'nothing dropped',
    health.lagMs ? `write lag p50 ${Math.round(health.lagMs.p50)} ms, p99 ${Math.round(health.lagMs.p99)} ms` : 'no writes in the last interval',
    health.journalBytes > 0 ? `${formatBytes(health.journalBytes)} waiting in the journal` : null,
    health.lastError ? `last error: ${health.lastError}` : null,
  ].filter((line): line is string => line !== null);
  return {
    phase,
    phaseTone: health.sessionPhase === 'open' ? 'ok' : health.sessionPhase === 'closed' ? 'muted' : 'warn',
    feed,
    feedTone,
    simulated: health.simulated,
    ticksPerSec: formatCompactCount(health.ticksPerSec),
    drops,
    dropsTitle,
    lag,
    title: details.join('\n'),
  };
}
