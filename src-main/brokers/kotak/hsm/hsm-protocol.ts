/**
 * Kotak Neo's market-data WebSocket, "HSM" (hyper socket market), production
 * wss://mlhsm.kotaksecurities.com. MARKET-FACTS does not describe it: everything here
 * is OUR READING of Kotak's official public Python SDK, repository Kotak-Neo/kotak-neo-api,
 * files `neo_api_client/HSWebSocketLib.py` (wire format) and `neo_api_client/NeoWebSocket.py`
 * (how the SDK connects, subscribes and spreads scrips over channels). No code is taken
 * from it; this file and its neighbours are written from the layout alone.
 *
 * The protocol, big-endian throughout:
 *
 *   Client → server, binary: u16 length of what follows, u8 request type, u8 field count,
 *   then per field u8 field id, u16 value length, value bytes.
 *     connect      type 1, fields 1 = session token ("jwt", the SDK's Authorization),
 *                  2 = sid, 3 = source ("JS_API").
 *     subscribe    type 4, unsubscribe type 5: field 1 = scrip list, field 2 = channel
 *                  number (1 byte). Scrip list = u16 count, then per scrip u8 length +
 *                  ASCII "<topic prefix>|<segment>|<token>", e.g. "sf|nse_cm|11536"
 *                  (prefix sf = scrip, if = index, dp = depth).
 *     ack          type 3, field 1 = u32 message number.
 *
 *   Server → client, binary: u16 (see assumption 2), u8 response type, then
 *     connection   type 1: u8 field count; ≥ 1 field: u8 id, u16 length, status text "K" (ok)
 *                  or "N" (refused); a second field: u8 id, u16 length, an unsigned integer
 *                  of that many bytes = "ack every N data frames" (0 = no acks).
 *     status       types 4 subscribe, 5 unsubscribe, 7 channel pause, 8 channel resume,
 *                  9 snapshot: u8 field count; ≥ 1 field: u8 id, u16 length, "K" / "N".
 *     data         type 6: when acks are on, u32 message number first; then u16 topic count,
 *                  then per topic: 2 bytes (assumption 3), u8 kind 'S' (83, SNAP) or 'U' (85,
 *                  UPDATE).
 *                    SNAP:   u32 topic id, u8 name length, topic name ("sf|nse_cm|11536"),
 *                            u8 n, n × u32 values for field indexes 0..n−1, u8 m, then m ×
 *                            (u8 field id, u8 length, text): 52 = token, 53 = segment,
 *                            54 = trading symbol. A SNAP (re)defines the topic.
 *                    UPDATE: u32 topic id, u8 n, n × u32 values for field indexes 0..n−1.
 *   After every N-th data frame (N from the connection response) the client sends an ack
 *   carrying that frame's message number.
 *
 *   Prices are integers: rupees = value ÷ (multiplier × 10^precision), multiplier and
 *   precision being fields of the topic itself (scrip 23/24, index 8/9, depth 32/33).
 *
 * Assumptions (each one something the SDK implies but does not state; check them here):
 *  1. Values are unsigned 32-bit (the SDK's buf2long). 0x80000000 is the SDK's TRASH_VAL
 *     (-2147483648 as int32): "no value / unchanged". The Python SDK compares the unsigned
 *     reading to the signed constant, so it never matches there; we apply the evident intent,
 *     which is also what makes an UPDATE "only changed fields": unchanged ones are TRASH.
 *  2. A server frame's first two bytes (the SDK's unused "packetsCount") are not checked;
 *     our test server writes the length of the rest there. One message per WebSocket frame.
 *  3. The two bytes before each topic's 'S'/'U' are skipped, as the SDK does; our test server
 *     writes the length of that topic's entry there. We never rely on them, so decoding
 *     matches the SDK byte for byte, and a wrong guess about their meaning costs nothing.
 *  4. An UPDATE for a topic id no SNAP defined (the SDK would raise KeyError) and a SNAP whose
 *     name has an unknown prefix (the SDK stops advancing and mis-parses the rest) are consumed
 *     (their layout is self-describing) and counted; an entry whose kind is neither 'S' nor 'U'
 *     stops the frame, because its length is unknown.
 *  5. A topic without multiplier / precision uses 1 / 2 (the SDK base class's defaults; its
 *     scrip and index classes start from None and would crash instead).
 *  6. The status of connection and status responses is the first field's value, whatever its id.
 *  7. A connection response "N" means the session (token / sid) was refused: the feed stops
 *     and asks for a new login, like a 403 on Kite's ticker.
 *  8. Limits: ≤ 100 scrips per request (MAX_SCRIPS), channels 2..16 with ≤ 200 scrips each,
 *     3,000 per socket (NeoWebSocket unsubscribes everything beyond 3,000). The SDK opens one
 *     socket per session; nothing says a second one is allowed, so the feed uses one.
 *  9. The SDK's keepalive is a JSON text {"type":"hb"} every 29 s, but its HSM ping thread is
 *     broken (it sends on the order socket and exits at once), so real SDK clients never send
 *     it to HSM. We can encode it but do not send it by default; liveness uses WebSocket pings.
 * 10. Field meanings come from the SDK's SCRIP_MAPPING / INDEX_MAPPING names (below). The
 *     date fields' epoch (seconds, UTC vs IST wall clock) is not settled by the SDK (it formats
 *     them in local time), so ticks are stamped with the time they were received.
 * 11. An index is subscribed by its scrip-master token ("if|nse_cm|<pSymbol>"); the scrip
 *     master gives numeric pSymbols only for the index rows we keep (scrip-master.ts).
 * 12. Topic ids belong to one socket: the table is cleared on every reconnect.
 */

/** Request / response types (BinRespTypes). */
export const HSM_TYPE = {
  CONNECTION: 1,
  THROTTLING: 2,
  ACK: 3,
  SUBSCRIBE: 4,
  UNSUBSCRIBE: 5,
  DATA: 6,
  CHANNEL_PAUSE: 7,
  CHANNEL_RESUME: 8,
  SNAPSHOT: 9,
  OPC_SUBSCRIBE: 10,
} as const;

/** Data entry kinds: ASCII 'S' and 'U'. */
export const ENTRY_SNAP = 83;
export const ENTRY_UPDATE = 85;

export const STATUS_OK = 'K';
export const STATUS_NOT_OK = 'N';

/** Assumption 1: "no value / unchanged". */
export const TRASH_VALUE = 0x8000_0000;

export const TOPIC_PREFIX = { scrip: 'sf', index: 'if', depth: 'dp' } as const;
export type TopicKind = keyof typeof TOPIC_PREFIX;

export function topicKindOf(prefix: string): TopicKind | null {
  if (prefix === TOPIC_PREFIX.scrip) return 'scrip';
  if (prefix === TOPIC_PREFIX.index) return 'index';
  if (prefix === TOPIC_PREFIX.depth) return 'depth';
  return null;
}

/** String fields of a SNAP (STRING_INDEX). 51 (NAME) is the feed type, never sent. */
export const STRING_FIELD = { TOKEN: 52, SEGMENT: 53, TRADING_SYMBOL: 54 } as const;

/** Scrip topic ("sf") value indexes (SCRIP_MAPPING); 25–27 are computed by the SDK, never sent. */
export const SCRIP_FIELD = {
  LAST_TRADE_TIME: 3,
  VOLUME: 4,
  LTP: 5,
  LAST_QTY: 6,
  TOTAL_BUY_QTY: 7,
  TOTAL_SELL_QTY: 8,
  BID: 9,
  ASK: 10,
  BID_QTY: 11,
  ASK_QTY: 12,
  AVERAGE_PRICE: 13,
  LOW: 14,
  HIGH: 15,
  LOWER_CIRCUIT: 16,
  UPPER_CIRCUIT: 17,
  YEAR_HIGH: 18,
  YEAR_LOW: 19,
  OPEN: 20,
  CLOSE: 21,
  OI: 22,
  MULTIPLIER: 23,
  PRECISION: 24,
} as const;

/** Index topic ("if") value indexes (INDEX_MAPPING). */
export const INDEX_FIELD = {
  LTP: 2,
  CLOSE: 3,
  HIGH: 5,
  LOW: 6,
  OPEN: 7,
  MULTIPLIER: 8,
  PRECISION: 9,
} as const;

/** Depth topic ("dp"): only its scale is used here. */
export const DEPTH_FIELD = { MULTIPLIER: 32, PRECISION: 33 } as const;

export function scaleFields(kind: TopicKind): { multiplier: number; precision: number } {
  if (kind === 'scrip') return { multiplier: SCRIP_FIELD.MULTIPLIER, precision: SCRIP_FIELD.PRECISION };
  if (kind === 'index') return { multiplier: INDEX_FIELD.MULTIPLIER, precision: INDEX_FIELD.PRECISION };
  return { multiplier: DEPTH_FIELD.MULTIPLIER, precision: DEPTH_FIELD.PRECISION };
}

/** Assumption 5. */
export const DEFAULT_MULTIPLIER = 1;
export const DEFAULT_PRECISION = 2;

/** Values kept per topic: every index the SDK maps is below this (depth's precision is 33). */
export const TOPIC_FIELDS = 64;

/** Assumption 8. */
export const MAX_SCRIPS_PER_REQUEST = 100;
export const FIRST_CHANNEL = 2;
export const LAST_CHANNEL = 16;
export const MAX_SCRIPS_PER_CHANNEL = 200;
export const MAX_SCRIPS_PER_SOCKET = 3_000;

/** The SDK's "source" field of the connect request. */
export const CONNECT_SOURCE = 'JS_API';

export const HSM_PRODUCTION_URL = 'wss://mlhsm.kotaksecurities.com';
