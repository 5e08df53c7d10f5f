/**
 * Angel One SmartAPI's addresses (the facts sheet, §A). Paths are relative to a
 * configurable root so a loopback venue can stand in for the broker.
 */

export const ANGEL_REST_ROOT = 'https://apiconnect.angelone.in';
export const ANGEL_MARKET_WS = 'wss://smartapisocket.angelone.in/smart-stream';
export const ANGEL_ORDER_WS = 'wss://tns.angelone.in/smart-order-update';
export const ANGEL_SCRIP_MASTER_URL = 'https://margincalculator.angelone.in/OpenAPI_File/files/OpenAPIScripMaster.json';

const SECURE = '/rest/secure/angelbroking';

export const ANGEL_PATHS = {
  login: '/rest/auth/angelbroking/user/v1/loginByPassword',
  refresh: '/rest/auth/angelbroking/jwt/v1/generateTokens',
  profile: `${SECURE}/user/v1/getProfile`,
  logout: `${SECURE}/user/v1/logout`,
  funds: `${SECURE}/user/v1/getRMS`,
  place: `${SECURE}/order/v1/placeOrder`,
  modify: `${SECURE}/order/v1/modifyOrder`,
  cancel: `${SECURE}/order/v1/cancelOrder`,
  orderBook: `${SECURE}/order/v1/getOrderBook`,
  tradeBook: `${SECURE}/order/v1/getTradeBook`,
  positions: `${SECURE}/order/v1/getPosition`,
  holdings: `${SECURE}/portfolio/v1/getHolding`,
  allHoldings: `${SECURE}/portfolio/v1/getAllHolding`,
} as const;

/** `GET …/order/v1/details/{uniqueorderid}`: one order, by the UUID the place answer returns. */
export function angelOrderDetailsPath(uniqueOrderId: string): string | null {
  return /^[A-Za-z0-9-]{1,64}$/.test(uniqueOrderId) ? `${SECURE}/order/v1/details/${uniqueOrderId}` : null;
}

/**
 * Per client code (ang-docs 19-rate-limit.md). Place, modify and cancel share one
 * budget; the adapter's limiter reads these.
 */
export const ANGEL_RATE_LIMITS = {
  ordersPerSecond: 9,
  ordersPerMinute: 500,
  booksPerSecond: 1,
  orderDetailsPerSecond: 10,
  loginPerSecond: 1,
  refreshPerSecond: 1,
} as const;
