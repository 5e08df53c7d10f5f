/** A `candles` row → the shared Candle (paise, epoch ms), at the database edge. */
import type { Selectable } from 'kysely';
import type { Candle } from '../../../src-shared/market/candle';
import type { CandlesTable } from '../../db/schema';
import { int8ToNumber, numericToPaise } from './numeric';

export type CandleRow = Selectable<CandlesTable>;

export function candleFromRow(row: CandleRow): Candle {
  return {
    token: int8ToNumber(row.token),
    timeframe: row.timeframe,
    bucket: row.bucket.getTime(),
    open: numericToPaise(row.open),
    high: numericToPaise(row.high),
    low: numericToPaise(row.low),
    close: numericToPaise(row.close),
    volume: int8ToNumber(row.volume),
    trades: row.trades,
    vwap: row.vwap === null ? null : numericToPaise(row.vwap, 'half-up'),
    oi: row.oi === null ? 0 : int8ToNumber(row.oi),
  };
}
