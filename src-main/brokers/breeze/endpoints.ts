/**
 * ICICI Direct Breeze's addresses (facts §B). REST paths are relative to a
 * configurable root so a loopback venue can stand in for the broker.
 */

export const BREEZE_API_ROOT = 'https://api.icicidirect.com/breezeapi/api/v1/';
export const BREEZE_LOGIN_PAGE = 'https://api.icicidirect.com/apiuser/login';

/** Socket.IO (Engine.IO 4) servers; transport websocket only. */
export const BREEZE_STREAMS = {
  /** Quotes and depth: emit "join" / "leave" with X.Y!token, listen for "stock". */
  quotes: 'https://livestream.icicidirect.com',
  /** Order notifications: listen for "order". */
  orders: 'https://livefeeds.icicidirect.com',
} as const;

/**
 * The security master zip. The SDKs disagree on the folder (§D14): the Python and
 * Java SDKs use MotherAppMaster, the JS SDK NewSecurityMaster. The drill tries them in
 * this order and keeps the first that answers with a zip.
 */
export const BREEZE_MASTER_URLS = [
  'https://directlink.icicidirect.com/MotherAppMaster/SecurityMaster.zip',
  'https://directlink.icicidirect.com/NewSecurityMaster/SecurityMaster.zip',
] as const;

export const BREEZE_MASTER_FILES = {
  NSE: 'NSEScripMaster.txt',
  BSE: 'BSEScripMaster.txt',
  NFO: 'FONSEScripMaster.txt',
  BFO: 'FOBSEScripMaster.txt',
} as const;

export const BREEZE_PATHS = {
  customerDetails: 'customerdetails',
  order: 'order',
  trades: 'trades',
  positions: 'portfoliopositions',
  holdings: 'portfolioholdings',
  funds: 'funds',
  quotes: 'quotes',
} as const;

/** Place, modify, cancel and square-off share 10 a second; every call counts toward 100 a minute (B3). */
export const BREEZE_RATE_LIMITS = { ordersPerSecond: 10, callsPerMinute: 100, callsPerDay: 5000 } as const;

/** The login page for an app key; the key may hold + = ! %, so it is URL-encoded. */
export function breezeLoginUrl(appKey: string): string {
  return `${BREEZE_LOGIN_PAGE}?api_key=${encodeURIComponent(appKey)}`;
}
