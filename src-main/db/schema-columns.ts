import type { ColumnType } from 'kysely';
import type { ledgerEventTypes } from '../../src-shared/orders/order-events';

/**
 * Column and value types shared by the table types in schema.ts: what pg
 * hands back (see pool.ts) and what may be written, plus the text enums
 * that mirror the migrations' CHECK lists (schema.int.test.ts compares them).
 */

/** A column whose write type differs from what is read. */
export type Col<S, W> = ColumnType<S, W, W>;
/** A NOT NULL column with a database default: optional on insert. */
export type Defaulted<S, W> = ColumnType<S, W | undefined, W>;

export type Int8Write = string | number | bigint;
export type NumericWrite = string | number;
export type TimestampWrite = Date | string;

/** bigint: read as a decimal string (exact beyond 2^53). */
export type Int8 = Col<string, Int8Write>;
/** NUMERIC: rupees as an exact decimal string, e.g. '2450.05'. Convert to paise at the edge. */
export type Numeric = Col<string, NumericWrite>;
export type NumericDefault = Defaulted<string, NumericWrite>;
export type Timestamptz = Col<Date, TimestampWrite>;
export type TimestamptzDefault = Defaulted<Date, TimestampWrite>;
/** SQL date as 'YYYY-MM-DD' (an IST calendar day, no time, no zone). */
export type SqlDate = string;
/** SQL time (IST wall clock) as 'HH:MM:SS'. */
export type SqlTime = string;

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };
/**
 * jsonb is written as JSON text or as a plain object (pg JSON.stringifies
 * objects). Never a bare array: pg would send it as a PostgreSQL array
 * literal, so arrays go as JSON.stringify(...) text. An `interface` value
 * has no index signature: spread it ({ ...intent }) or stringify it.
 */
export type JsonWrite = string | Readonly<Record<string, unknown>>;
export type Jsonb<S = JsonValue> = Col<S, JsonWrite>;
export type JsonbDefault<S = JsonValue> = Defaulted<S, JsonWrite>;

export type InstrumentType = 'EQ' | 'FUT' | 'CE' | 'PE' | 'INDEX';
export type InstrumentExchange = 'NSE' | 'NFO' | 'BSE' | 'BFO' | 'CDS' | 'BCD' | 'MCX' | 'NCO';
export type CandleTimeframe = '1s' | '1m' | '5m' | '15m' | '1h' | '1d';
export type Side = 'BUY' | 'SELL';
export type OrderType = 'MKT' | 'L' | 'SL' | 'SL-M';
export type Product = 'MIS' | 'CNC' | 'NRML';
export type Validity = 'DAY' | 'IOC';
export type OrderStatus =
  | 'PENDING_LOCAL'
  | 'SENT'
  | 'OPEN'
  | 'TRIGGER_PENDING'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'CANCELLED'
  | 'REJECTED'
  | 'MODIFY_PENDING'
  | 'CANCEL_PENDING';
/**
 * order_events_event_type_check as of 0010: the names of
 * src-shared/orders/order-events.ts (VALIDATION_PASSED, RISK_PASSED,
 * MODIFY_CONFIRMED, CANCEL_CONFIRMED) plus 0005's older spellings, which stay
 * allowed (VALIDATED, RISK_ACCEPTED, ...).
 */
export type OrderEventType = (typeof ledgerEventTypes)[number];
/** The paper venue's own statuses (paper_orders_status_check), not the ledger's OrderStatus. */
export type PaperOrderStatus = 'OPEN' | 'TRIGGER_PENDING' | 'COMPLETE' | 'CANCELLED' | 'REJECTED';
export type StrategyMode = 'PAPER' | 'LIVE';
export type SessionType = 'NORMAL' | 'HOLIDAY' | 'SPECIAL' | 'MUHURAT';
export type SystemLogLevel = 'debug' | 'info' | 'warn' | 'error';
export type KeySource = 'safeStorage' | 'passphrase';
