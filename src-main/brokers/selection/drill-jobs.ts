/**
 * The morning drill's jobs: download a broker's instrument master into `instruments`
 * and sum up what happened, one job per broker the configuration uses. A job that cannot
 * run (no account, no session) answers a failed report with the reason; it never throws
 * for that.
 */
import type { Kysely } from 'kysely';
import { istDayOf } from '../../../src-shared/market/ist-calendar';
import type { Database } from '../../db/schema';
import type { Logger } from '../../log';
import type { SecretStore } from '../../secrets/secret-store';
import { syncKiteInstruments } from '../kite/adapter/instrument-sync';
import { syncKotakScripMaster } from '../kotak/adapter/scrip-sync';
import { sessionFromFields } from '../kotak/adapter/session';
import { loadAccount } from './account-loader';
import type { BrokerConfig } from './broker-config';
import { fromKite, fromKotak, type DrillProgress } from './drill-progress';
import type { KiteAccount } from './kite-account';
import { kotakFeedAccount } from './kotak-feed-source';

export interface DrillSummary {
  rows: number;
  upserted: number;
  /** Kite tells inserts from updates; Kotak does not (null). */
  inserted: number | null;
  updated: number | null;
  bad: number;
  unsupported: number;
  /** Kotak: segment files read; null for Kite. */
  segments: number | null;
}

export interface DrillReport {
  broker: 'kite' | 'kotak';
  ok: boolean;
  /** Epoch ms. */
  at: number;
  summary: DrillSummary | null;
  error: string | null;
}

export type DrillJob = readonly [DrillReport['broker'], () => Promise<DrillReport>];

export interface DrillJobContext {
  config: BrokerConfig;
  store: SecretStore;
  db: () => Kysely<Database>;
  log: Logger;
  clock: () => number;
  /** Every step of a running job (the drill throttles what goes out). */
  progress: (progress: DrillProgress) => void;
}

/**
 * The masters to download, in order: Kite's when a Kite account is used, Kotak's when
 * Kotak takes the orders or streams the market (its feed's universe is Kotak's master).
 */
export function drillJobs(ctx: DrillJobContext, kite: KiteAccount | null, kotak: boolean): DrillJob[] {
  const jobs: DrillJob[] = [];
  if (kite) jobs.push(['kite', () => drillKite(ctx, kite)]);
  if (kotak) jobs.push(['kotak', () => drillKotak(ctx)]);
  return jobs;
}

async function drillKite(ctx: DrillJobContext, k: KiteAccount): Promise<DrillReport> {
  const at = ctx.clock();
  const loaded = await k.session();
  if (!loaded.ok) return { broker: 'kite', ok: false, at, summary: null, error: loaded.reason };
  if (loaded.session.accessToken() === null) return { broker: 'kite', ok: false, at, summary: null, error: 'no Kite session: log in first' };
  const summary = await syncKiteInstruments({
    restRoot: ctx.config.kite.restRoot,
    session: loaded.session,
    db: ctx.db(),
    onProgress: (p) => {
      ctx.log.info('kite instrument master', { phase: p.phase, done: p.done, total: p.total });
      ctx.progress(fromKite(p, ctx.clock()));
    },
  });
  return {
    broker: 'kite',
    ok: true,
    at,
    summary: { rows: summary.rows, upserted: summary.inserted + summary.updated, inserted: summary.inserted, updated: summary.updated, bad: summary.bad, unsupported: summary.unsupported, segments: null },
    error: null,
  };
}

async function drillKotak(ctx: DrillJobContext): Promise<DrillReport> {
  const at = ctx.clock();
  // The broker's account, or with another broker the account the Kotak feed runs on.
  const loaded = await loadAccount(ctx.store, 'kotak', kotakFeedAccount(ctx.config), ['consumerKey']);
  if (!loaded.ok) return { broker: 'kotak', ok: false, at, summary: null, error: loaded.reason };
  const session = sessionFromFields(loaded.credentials.fields, at);
  if (!session) return { broker: 'kotak', ok: false, at, summary: null, error: 'no Kotak session: log in first (Settings → Kotak)' };
  const result = await syncKotakScripMaster({
    db: ctx.db(),
    baseUrl: session.baseUrl,
    consumerKey: loaded.credentials.fields.consumerKey as string,
    today: istDayOf(at),
    log: ctx.log.child({ broker: 'kotak' }),
    onProgress: (p) => {
      if (p.phase !== 'downloading') ctx.log.info('kotak scrip master', { ...p });
      ctx.progress(fromKotak(p, ctx.clock()));
    },
  });
  const failed = result.segments.filter((s) => s.error !== null).map((s) => `${s.segment}: ${s.error ?? ''}`);
  const rows = result.segments.reduce((sum, s) => sum + (s.summary?.rows ?? 0), 0);
  return {
    broker: 'kotak',
    ok: failed.length === 0,
    at,
    summary: { rows, upserted: result.upserted, inserted: null, updated: null, bad: result.badRows, unsupported: result.unsupportedRows, segments: result.segments.length },
    error: failed.length === 0 ? null : failed.join('; '),
  };
}
