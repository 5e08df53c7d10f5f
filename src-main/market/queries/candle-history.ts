/**
 * One page of stored candles: the newest `limit` buckets strictly before
 * `before` (or the newest of all), returned ascending. The primary key
 * (token, timeframe, bucket) serves it as a backward index scan, so a page
 * deep in a year of 1-minute bars costs the same as the first.
 */
import type { Kysely } from 'kysely';
import type { Candle } from '../../../src-shared/market/candle';
import type { Timeframe } from '../../../src-shared/market/timeframe';
import type { Database } from '../../db/schema';
import { candleFromRow } from './candle-row';

export interface CandlePageQuery {
  token: number;
  timeframe: Timeframe;
  /** Exclusive upper bound on the bucket start (epoch ms); omitted for the newest page. */
  before?: number | undefined;
  limit: number;
}

export async function storedCandles(db: Kysely<Database>, query: CandlePageQuery): Promise<Candle[]> {
  let select = db
    .selectFrom('candles')
    .selectAll()
    .where('token', '=', String(query.token))
    .where('timeframe', '=', query.timeframe);
  if (query.before !== undefined) select = select.where('bucket', '<', new Date(query.before));
  const rows = await select.orderBy('bucket', 'desc').limit(query.limit).execute();
  return rows.reverse().map(candleFromRow);
}
