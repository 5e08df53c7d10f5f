import type { ColumnType, Generated, GeneratedAlways } from 'kysely';
import type {
  CandleTimeframe,
  Col,
  Defaulted,
  InstrumentExchange,
  InstrumentType,
  Int8,
  Int8Write,
  JsonObject,
  JsonValue,
  Jsonb,
  JsonbDefault,
  KeySource,
  Numeric,
  NumericDefault,
  OrderEventType,
  OrderStatus,
  OrderType,
  PaperOrderStatus,
  Product,
  SessionType,
  Side,
  SqlDate,
  SqlTime,
  StrategyMode,
  SystemLogLevel,
  Timestamptz,
  TimestamptzDefault,
  Validity,
} from './schema-columns';

/**
 * Kysely types of the core schema (migrations/*.sql), written by hand and
 * checked against a migrated database by schema.int.test.ts through the
 * runtime spec in testing/fixtures/schema-spec.ts. A migration that adds, drops or retypes a
 * column must change this file and the spec, or that test fails.
 *
 * What pg hands back (see pool.ts): int8 and numeric as exact decimal
 * strings, timestamptz as Date, jsonb parsed, bytea as Buffer, date and time
 * as text ('2026-11-20', '09:15:00').
 */

export * from './schema-columns';

export interface InstrumentsTable {
  instrument_token: Int8;
  exchange_token: Int8 | null;
  tradingsymbol: string;
  name: Generated<string>;
  exchange: InstrumentExchange;
  segment: string;
  instrument_type: InstrumentType;
  expiry: SqlDate | null;
  strike: Numeric | null;
  lot_size: Generated<number>;
  tick_size: Numeric;
  freeze_qty: number | null;
  broker: Generated<string>;
  updated_at: TimestamptzDefault;
}

/** Parent of the IST-day partitions; write through the parent (or COPY into it). */
export interface MarketTicksTable {
  token: Int8;
  ts: Timestamptz;
  ltp: Numeric;
  last_qty: number | null;
  volume: Int8 | null;
  oi: Int8 | null;
  bid_price: Numeric | null;
  bid_qty: number | null;
  ask_price: Numeric | null;
  ask_qty: number | null;
  exchange_ts: Timestamptz | null;
  received_at: Timestamptz;
  flags: Generated<number>;
}

/** One level of a depth snapshot, best first. */
export interface DepthLevel {
  price: number;
  qty: number;
  orders: number;
}

export interface MarketDepthTable {
  token: Int8;
  ts: Timestamptz;
  /** Write as JSON.stringify(levels): an array would be sent as a PostgreSQL array. */
  bids: Col<DepthLevel[], string>;
  asks: Col<DepthLevel[], string>;
  total_buy_qty: Int8 | null;
  total_sell_qty: Int8 | null;
  received_at: Timestamptz;
}

export interface CandlesTable {
  token: Int8;
  timeframe: CandleTimeframe;
  /** Start of [bucket, bucket + timeframe), aligned in IST. */
  bucket: Timestamptz;
  open: Numeric;
  high: Numeric;
  low: Numeric;
  close: Numeric;
  volume: Defaulted<string, Int8Write>;
  trades: Generated<number>;
  vwap: Numeric | null;
  oi: Int8 | null;
}

/** The append-only ledger: insert and select only. */
export interface OrderEventsTable {
  event_id: GeneratedAlways<string>;
  order_id: string;
  client_order_id: string;
  parent_order_id: string | null;
  broker_order_id: string | null;
  seq: number;
  event_type: OrderEventType;
  status_after: OrderStatus | null;
  /** Always an object (CHECK): a verbatim request or response sits inside it. */
  payload: Jsonb<JsonObject>;
  strategy_id: Generated<string>;
  algo_id: string | null;
  broker: string;
  created_at: TimestamptzDefault;
  /**
   * The hash chain (0012): set by the BEFORE INSERT trigger
   * zz_order_events_hash_chain, which also redraws event_id; whatever an
   * insert passes is overwritten, so they are never written. Nullable
   * columns: NULL only on an event appended with that trigger disabled
   * (verify reports it as a broken link).
   */
  prev_hash: ColumnType<Buffer | null, never, never>;
  hash: ColumnType<Buffer | null, never, never>;
}

/** Projection of order_events; created_at/updated_at come from the events. */
export interface OrdersTable {
  order_id: string;
  client_order_id: string;
  parent_order_id: string | null;
  broker_order_id: string | null;
  token: Int8;
  tradingsymbol: string;
  exchange: string;
  side: Side;
  order_type: OrderType;
  product: Product;
  validity: Validity;
  quantity: number;
  filled_quantity: Generated<number>;
  price: Numeric | null;
  trigger_price: Numeric | null;
  average_price: Numeric | null;
  status: OrderStatus;
  status_message: string | null;
  strategy_id: Generated<string>;
  algo_id: string | null;
  broker: string;
  market_protection: Numeric | null;
  last_event_id: Int8;
  last_seq: number;
  created_at: Timestamptz;
  updated_at: Timestamptz;
}

/** The trade book: append-only. Charges in rupees, each already rounded. */
export interface FillsTable {
  fill_id: GeneratedAlways<string>;
  order_id: string;
  event_id: Int8;
  broker: string;
  broker_trade_id: string;
  token: Int8;
  tradingsymbol: string;
  exchange: string;
  side: Side;
  product: Product;
  quantity: number;
  price: Numeric;
  filled_at: Timestamptz;
  strategy_id: Generated<string>;
  algo_id: string | null;
  brokerage: Numeric;
  stt: Numeric;
  exchange_txn: Numeric;
  sebi_fee: Numeric;
  gst: Numeric;
  stamp_duty: Numeric;
  total_charges: Numeric;
  created_at: TimestamptzDefault;
}

export interface PositionsTable {
  token: Int8;
  product: Product;
  strategy_id: Generated<string>;
  tradingsymbol: string;
  exchange: string;
  /** Signed: positive long, negative short. */
  net_qty: Generated<number>;
  avg_price: NumericDefault;
  realised_pnl: NumericDefault;
  trading_date: SqlDate;
  day_buy_qty: Generated<number>;
  day_sell_qty: Generated<number>;
  day_buy_value: NumericDefault;
  day_sell_value: NumericDefault;
  carried_qty: Generated<number>;
  carried_avg_price: NumericDefault;
  charges: NumericDefault;
  updated_at: TimestamptzDefault;
}

export interface StrategiesTable {
  strategy_id: string;
  name: string;
  mode: Generated<StrategyMode>;
  algo_id: string | null;
  parameters: JsonbDefault<JsonObject>;
  enabled: Generated<boolean>;
  created_at: TimestamptzDefault;
  updated_at: TimestamptzDefault;
}

/** Exactly one row (id = true). A NULL limit means no limit. */
export interface RiskSettingsTable {
  id: ColumnType<boolean, true | undefined, true>;
  max_order_value: Numeric | null;
  max_position_value_per_instrument: Numeric | null;
  max_open_orders: number | null;
  max_orders_per_second: Generated<number>;
  daily_loss_limit: Numeric | null;
  kill_switch_engaged: Generated<boolean>;
  kill_switch_reason: string | null;
  kill_switch_at: Timestamptz | null;
  updated_at: TimestamptzDefault;
}

/** Exceptions to the default NSE calendar; times are IST wall clock. */
export interface MarketSessionsTable {
  trading_date: SqlDate;
  session_type: SessionType;
  pre_open_start: SqlTime | null;
  normal_open: SqlTime | null;
  normal_close: SqlTime | null;
  description: Generated<string>;
}

/** Append-only. */
export interface AuditLogTable {
  id: GeneratedAlways<string>;
  at: TimestamptzDefault;
  actor: string;
  action: string;
  details: JsonbDefault<JsonObject>;
}

export interface SystemLogTable {
  id: GeneratedAlways<string>;
  at: TimestamptzDefault;
  level: SystemLogLevel;
  source: string;
  message: string;
  details: Jsonb<JsonObject> | null;
}

/** Secrets exist only as ciphertext; there is no plaintext column. */
export interface BrokerAccountsTable {
  account_id: string;
  broker: string;
  user_id: string | null;
  secrets_ciphertext: Buffer;
  secrets_nonce: Buffer | null;
  key_source: KeySource;
  kdf_params: Jsonb<JsonObject> | null;
  created_at: TimestamptzDefault;
  updated_at: TimestamptzDefault;
}

/**
 * Exactly-once ledger of the tick writer (0008): a batch id is here exactly
 * when its rows are in market_ticks (same transaction). Pruned by age.
 */
export interface IngestBatchesTable {
  batch_id: string;
  rows: number;
  committed_at: TimestamptzDefault;
}

/** The trader's watchlist (0009). No FK to instruments: a master refresh must not drop rows. */
export interface WatchlistTable {
  instrument_token: Int8;
  /** 0..n-1, dense: the order on screen (not UNIQUE: a move renumbers in one transaction). */
  position: number;
  added_at: TimestamptzDefault;
}

/** The paper broker's book (0010): the simulated venue's memory, apart from the ledger. Mutable. */
export interface PaperOrdersTable {
  /** 'PO' + 10 digits from paper_order_number: the venue's id (our broker_order_id). */
  broker_order_id: Generated<string>;
  /** UNIQUE (paper_orders_client_order_id_key): one order per client order id at the venue. */
  client_order_id: string;
  token: Int8;
  side: Side;
  order_type: OrderType;
  product: Product;
  validity: Validity;
  quantity: number;
  filled_quantity: Generated<number>;
  price: Numeric | null;
  trigger_price: Numeric | null;
  /** Basis points of the price; -1 automatic. */
  market_protection: Generated<number>;
  /** Worst fill price of a marketable MKT / triggered SL-M; NULL before it became marketable. */
  protection_price: Numeric | null;
  /** Stop orders: true once the trigger was touched. */
  triggered: Generated<boolean>;
  status: PaperOrderStatus;
  status_message: string | null;
  placed_at: TimestamptzDefault;
  updated_at: TimestamptzDefault;
  /** Legs of an iceberg order (0013), 2–10; NULL when not an iceberg. */
  iceberg_legs: number | null;
}

/** Executions of the paper broker, one row per trade (0010). */
export interface PaperTradesTable {
  /** '<broker_order_id>-<n>': the n-th execution of that order. */
  trade_id: string;
  broker_order_id: string;
  quantity: number;
  price: Numeric;
  traded_at: TimestamptzDefault;
}

/**
 * Trader-editable settings by key (0011), e.g. 'retention'. The value is any
 * jsonb, validated by the application. Never a secret: the read-only console
 * can read this table.
 */
export interface AppSettingsTable {
  /** ^[a-z][a-z0-9_.]*$ (CHECK). */
  key: string;
  /** NOT NULL. A JSON null value would read back as null too; the application never writes one. */
  value: Jsonb<NonNullable<JsonValue>>;
  updated_at: TimestamptzDefault;
}

export interface Database {
  instruments: InstrumentsTable;
  market_ticks: MarketTicksTable;
  market_depth: MarketDepthTable;
  candles: CandlesTable;
  order_events: OrderEventsTable;
  orders: OrdersTable;
  fills: FillsTable;
  positions: PositionsTable;
  strategies: StrategiesTable;
  risk_settings: RiskSettingsTable;
  market_sessions: MarketSessionsTable;
  audit_log: AuditLogTable;
  system_log: SystemLogTable;
  broker_accounts: BrokerAccountsTable;
  ingest_batches: IngestBatchesTable;
  watchlist: WatchlistTable;
  paper_orders: PaperOrdersTable;
  paper_trades: PaperTradesTable;
  app_settings: AppSettingsTable;
}

/** Tables whose rows are never updated or deleted (triggers refuse it). */
export const appendOnlyTables = ['order_events', 'fills', 'audit_log'] as const satisfies ReadonlyArray<keyof Database>;
