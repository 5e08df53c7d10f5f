import type { InsertType, SelectType } from 'kysely';
import type { Database } from './schema';

/**
 * The schema of schema.ts as runtime data, so a test can hold it against
 * information_schema (TypeScript interfaces vanish at run time). The
 * compiler keeps the two in step: `satisfies DatabaseSpec` fails on a
 * missing or extra table or column and on a spec that contradicts the
 * column's TypeScript type.
 *
 * A column's spec is `<udt_name><suffix>`:
 *   ''  NOT NULL, no default: required on insert
 *   '?' nullable
 *   '=' NOT NULL with a default: optional on insert (Generated<>)
 *   '!' GENERATED ALWAYS AS IDENTITY: never written (GeneratedAlways<>)
 */

/** Types as information_schema.columns.udt_name names them. */
export type PgType = 'int2' | 'int4' | 'int8' | 'numeric' | 'text' | 'uuid' | 'bool' | 'date' | 'time' | 'timestamptz' | 'jsonb' | 'bytea';

/** PostgreSQL types that read back as S with pool.ts's parsers. */
type PgTypesFor<S> = [S] extends [Date]
  ? 'timestamptz'
  : [S] extends [Buffer]
    ? 'bytea'
    : [S] extends [boolean]
      ? 'bool'
      : [S] extends [number]
        ? 'int2' | 'int4'
        : [S] extends [string]
          ? 'int8' | 'numeric' | 'text' | 'uuid' | 'date' | 'time'
          : 'jsonb';

type SuffixOf<C> = null extends SelectType<C>
  ? '?'
  : [InsertType<C>] extends [never]
    ? '!'
    : undefined extends InsertType<C>
      ? '='
      : '';

export type ColumnSpec<C> = `${PgTypesFor<NonNullable<SelectType<C>>>}${SuffixOf<C>}`;

export type DatabaseSpec = {
  readonly [T in keyof Database]: { readonly [K in keyof Database[T] & string]: ColumnSpec<Database[T][K]> };
};

export const schemaSpec = {
  instruments: {
    instrument_token: 'int8',
    exchange_token: 'int8?',
    tradingsymbol: 'text',
    name: 'text=',
    exchange: 'text',
    segment: 'text',
    instrument_type: 'text',
    expiry: 'date?',
    strike: 'numeric?',
    lot_size: 'int4=',
    tick_size: 'numeric',
    freeze_qty: 'int4?',
    broker: 'text=',
    updated_at: 'timestamptz=',
  },
  market_ticks: {
    token: 'int8',
    ts: 'timestamptz',
    ltp: 'numeric',
    last_qty: 'int4?',
    volume: 'int8?',
    oi: 'int8?',
    bid_price: 'numeric?',
    bid_qty: 'int4?',
    ask_price: 'numeric?',
    ask_qty: 'int4?',
    exchange_ts: 'timestamptz?',
    received_at: 'timestamptz',
    flags: 'int2=',
  },
  market_depth: {
    token: 'int8',
    ts: 'timestamptz',
    bids: 'jsonb',
    asks: 'jsonb',
    total_buy_qty: 'int8?',
    total_sell_qty: 'int8?',
    received_at: 'timestamptz',
  },
  candles: {
    token: 'int8',
    timeframe: 'text',
    bucket: 'timestamptz',
    open: 'numeric',
    high: 'numeric',
    low: 'numeric',
    close: 'numeric',
    volume: 'int8=',
    trades: 'int4=',
    vwap: 'numeric?',
    oi: 'int8?',
  },
  order_events: {
    event_id: 'int8!',
    order_id: 'uuid',
    client_order_id: 'text',
    parent_order_id: 'uuid?',
    broker_order_id: 'text?',
    seq: 'int4',
    event_type: 'text',
    status_after: 'text?',
    payload: 'jsonb',
    strategy_id: 'text=',
    algo_id: 'text?',
    broker: 'text',
    created_at: 'timestamptz=',
    prev_hash: 'bytea?',
    hash: 'bytea?',
  },
  orders: {
    order_id: 'uuid',
    client_order_id: 'text',
    parent_order_id: 'uuid?',
    broker_order_id: 'text?',
    token: 'int8',
    tradingsymbol: 'text',
    exchange: 'text',
    side: 'text',
    order_type: 'text',
    product: 'text',
    validity: 'text',
    quantity: 'int4',
    filled_quantity: 'int4=',
    price: 'numeric?',
    trigger_price: 'numeric?',
    average_price: 'numeric?',
    status: 'text',
    status_message: 'text?',
    strategy_id: 'text=',
    algo_id: 'text?',
    broker: 'text',
    market_protection: 'numeric?',
    last_event_id: 'int8',
    last_seq: 'int4',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  fills: {
    fill_id: 'int8!',
    order_id: 'uuid',
    event_id: 'int8',
    broker: 'text',
    broker_trade_id: 'text',
    token: 'int8',
    tradingsymbol: 'text',
    exchange: 'text',
    side: 'text',
    product: 'text',
    quantity: 'int4',
    price: 'numeric',
    filled_at: 'timestamptz',
    strategy_id: 'text=',
    algo_id: 'text?',
    brokerage: 'numeric',
    stt: 'numeric',
    exchange_txn: 'numeric',
    sebi_fee: 'numeric',
    gst: 'numeric',
    stamp_duty: 'numeric',
    total_charges: 'numeric',
    created_at: 'timestamptz=',
  },
  positions: {
    token: 'int8',
    product: 'text',
    strategy_id: 'text=',
    tradingsymbol: 'text',
    exchange: 'text',
    net_qty: 'int4=',
    avg_price: 'numeric=',
    realised_pnl: 'numeric=',
    trading_date: 'date',
    day_buy_qty: 'int4=',
    day_sell_qty: 'int4=',
    day_buy_value: 'numeric=',
    day_sell_value: 'numeric=',
    carried_qty: 'int4=',
    carried_avg_price: 'numeric=',
    charges: 'numeric=',
    updated_at: 'timestamptz=',
  },
  strategies: {
    strategy_id: 'text',
    name: 'text',
    mode: 'text=',
    algo_id: 'text?',
    parameters: 'jsonb=',
    enabled: 'bool=',
    created_at: 'timestamptz=',
    updated_at: 'timestamptz=',
  },
  risk_settings: {
    id: 'bool=',
    max_order_value: 'numeric?',
    max_position_value_per_instrument: 'numeric?',
    max_open_orders: 'int4?',
    max_orders_per_second: 'int4=',
    daily_loss_limit: 'numeric?',
    kill_switch_engaged: 'bool=',
    kill_switch_reason: 'text?',
    kill_switch_at: 'timestamptz?',
    updated_at: 'timestamptz=',
  },
  market_sessions: {
    trading_date: 'date',
    session_type: 'text',
    pre_open_start: 'time?',
    normal_open: 'time?',
    normal_close: 'time?',
    description: 'text=',
  },
  audit_log: {
    id: 'int8!',
    at: 'timestamptz=',
    actor: 'text',
    action: 'text',
    details: 'jsonb=',
  },
  system_log: {
    id: 'int8!',
    at: 'timestamptz=',
    level: 'text',
    source: 'text',
    message: 'text',
    details: 'jsonb?',
  },
  broker_accounts: {
    account_id: 'text',
    broker: 'text',
    user_id: 'text?',
    secrets_ciphertext: 'bytea',
    secrets_nonce: 'bytea?',
    key_source: 'text',
    kdf_params: 'jsonb?',
    created_at: 'timestamptz=',
    updated_at: 'timestamptz=',
  },
  ingest_batches: {
    batch_id: 'uuid',
    rows: 'int4',
    committed_at: 'timestamptz=',
  },
  watchlist: {
    instrument_token: 'int8',
    position: 'int4',
    added_at: 'timestamptz=',
  },
  paper_orders: {
    broker_order_id: 'text=',
    client_order_id: 'text',
    token: 'int8',
    side: 'text',
    order_type: 'text',
    product: 'text',
    validity: 'text',
    quantity: 'int4',
    filled_quantity: 'int4=',
    price: 'numeric?',
    trigger_price: 'numeric?',
    market_protection: 'int4=',
    protection_price: 'numeric?',
    triggered: 'bool=',
    status: 'text',
    status_message: 'text?',
    placed_at: 'timestamptz=',
    updated_at: 'timestamptz=',
    iceberg_legs: 'int2?',
  },
  paper_trades: {
    trade_id: 'text',
    broker_order_id: 'text',
    quantity: 'int4',
    price: 'numeric',
    traded_at: 'timestamptz=',
  },
  app_settings: {
    key: 'text',
    value: 'jsonb',
    updated_at: 'timestamptz=',
  },
} as const satisfies DatabaseSpec;

export type TableName = keyof Database;

export const tableNames = Object.keys(schemaSpec) as TableName[];

export interface ParsedColumnSpec {
  type: PgType;
  nullable: boolean;
  /** none: required on insert; default: the database fills it; identity: GENERATED ALWAYS. */
  fill: 'none' | 'default' | 'identity';
}

export function parseColumnSpec(spec: string): ParsedColumnSpec {
  const match = /^([a-z0-9]+)([?=!]?)$/.exec(spec);
  if (!match) throw new Error(`Bad column spec: ${spec}`);
  const suffix = match[2];
  return {
    type: match[1] as PgType,
    nullable: suffix === '?',
    fill: suffix === '=' ? 'default' : suffix === '!' ? 'identity' : 'none',
  };
}
