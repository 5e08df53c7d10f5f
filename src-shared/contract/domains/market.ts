import { z } from 'zod';
import { instrumentSchema } from '../../domain/instrument';
import { feedHealthSchema } from '../../market/feed-health';
import { quoteSchema } from '../../market/quote';
import type { Candle } from '../../market/candle';
import { TIMEFRAMES } from '../../market/timeframe';
import { defineEvents, defineMethods } from '../define';
import { storableText } from '../../storable-text';

/**
 * Market data as the terminal sees it: instrument search, the persisted
 * watchlist, quote and candle snapshots, and the pushed streams. Prices are
 * integer paise and times epoch ms UTC everywhere here; the screen turns them
 * into rupees and IST.
 */

export const tokenSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const timeframeSchema = z.enum(TIMEFRAMES);
const paise = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const epochMs = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Mirrors src-shared/market/candle.ts (`Candle`); the type check below keeps the two in step. */
export const candleSchema = z.object({
  token: tokenSchema,
  timeframe: timeframeSchema,
  /** IST-aligned start of the bucket, epoch ms. */
  bucket: epochMs,
  open: paise,
  high: paise,
  low: paise,
  close: paise,
  volume: count,
  trades: count,
  vwap: paise.nullable(),
  oi: count,
});

// Fails to compile when Candle and the schema drift apart (a field added to one only).
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _candleInStep: SameShape<z.infer<typeof candleSchema>, Candle> = true;

export const candleKeySchema = z.object({ token: tokenSchema, timeframe: timeframeSchema }).strict();

export const watchlistItemSchema = z.object({
  token: tokenSchema,
  position: z.number().int().nonnegative(),
  addedAt: epochMs,
  /** Null when the token has left the instrument master (an expired contract): still listed, never priced. */
  instrument: instrumentSchema.nullable(),
});
export type WatchlistItem = z.infer<typeof watchlistItemSchema>;

export const candleUpdateSchema = z.object({ token: tokenSchema, timeframe: timeframeSchema, candle: candleSchema });
export type CandleUpdateEvent = z.infer<typeof candleUpdateSchema>;

/** Each watchlist change answers with the whole list, so the caller never has to guess the order. */
const watchlistResult = z.array(watchlistItemSchema);

export const MARKET_LIMITS = {
  searchMax: 50,
  quotesMax: 500,
  candlesMax: 5000,
  watchKeysMax: 8,
} as const;

export const marketMethods = defineMethods({
  'market.search': {
    args: z
      .object({
        // PostgreSQL text cannot hold NUL: refuse it here rather than answer a driver error (found by fuzzing).
        query: storableText('the query').trim().min(1).max(64),
        limit: z.number().int().min(1).max(MARKET_LIMITS.searchMax).default(20),
      })
      .strict(),
    result: z.array(instrumentSchema),
    summary: 'Instruments whose symbol or name matches (trigram), exact and prefix matches first.',
  },
  'watchlist.list': {
    args: z.object({}).strict(),
    result: watchlistResult,
    summary: 'The watchlist in its order.',
  },
  'watchlist.add': {
    args: z.object({ token: tokenSchema }).strict(),
    result: watchlistResult,
    summary: 'Appends an instrument to the watchlist (no-op if already there); answers the new list.',
  },
  'watchlist.remove': {
    args: z.object({ token: tokenSchema }).strict(),
    result: watchlistResult,
    summary: 'Removes an instrument from the watchlist; answers the new list.',
  },
  'watchlist.move': {
    args: z.object({ token: tokenSchema, toIndex: z.number().int().nonnegative().max(10_000) }).strict(),
    result: watchlistResult,
    summary: 'Moves an instrument to a place in the watchlist; answers the new list.',
  },
  'market.quotes': {
    args: z.object({ tokens: z.array(tokenSchema).max(MARKET_LIMITS.quotesMax) }).strict(),
    result: z.array(quoteSchema),
    summary: 'Latest quote of each token that has one (snapshot; `market.quotes` events follow).',
  },
  'market.candles': {
    args: z
      .object({
        token: tokenSchema,
        timeframe: timeframeSchema,
        /** Only buckets strictly before this instant (epoch ms); omitted for the newest page. */
        before: epochMs.optional(),
        limit: z.number().int().min(1).max(MARKET_LIMITS.candlesMax).default(1000),
      })
      .strict(),
    result: z.array(candleSchema),
    summary: 'Candles ascending: stored history joined to the live bar, no gap, no duplicate.',
  },
  'market.watchCandles': {
    args: z.object({ keys: z.array(candleKeySchema).max(MARKET_LIMITS.watchKeysMax) }).strict(),
    result: z.object({ watching: z.number().int().nonnegative() }),
    summary: 'Sets which (token, timeframe) pairs `market.candles` events report (replaces the previous set).',
  },
  'market.health': {
    args: z.object({}).strict(),
    result: feedHealthSchema,
    summary: 'The feed health line: feed, SIMULATED, session phase, ticks/s, drops, lag.',
  },
});

export const marketEvents = defineEvents({
  /** Quotes that changed, coalesced to at most one push per ~16 ms. */
  'market.quotes': z.array(quoteSchema),
  /** Live (and just-closed) candles of the watched keys, coalesced like quotes. */
  'market.candles': z.array(candleUpdateSchema),
  /** About once a second. */
  'market.health': feedHealthSchema,
});
