/**
 * What the Kotak test server refuses in an order's jData, with Kotak-like words: the
 * checks that catch an adapter drifting from the wire format (numbers instead of
 * strings, "0.0", unknown codes) and the venue rule that matters most here — SL-M
 * from an API session is refused.
 */
const SEGMENTS = new Set(['nse_cm', 'bse_cm', 'nse_fo', 'bse_fo', 'cde_fo', 'mcx_fo']);
const PRODUCTS = new Set(['NRML', 'CNC', 'MIS', 'CO', 'BO', 'MTF']);
const TYPES = new Set(['L', 'MKT', 'SL', 'SL-M']);
const NUMBER = /^(0|[1-9]\d*)(\.\d*[1-9])?$/; // "0", "24123.5"; never "0.0" or "01"

function allStrings(jData: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(jData)) {
    if (typeof value !== 'string') return `Invalid value for ${key}: expected a string`;
  }
  return null;
}

function commonTerms(j: Record<string, string>): string | null {
  if (!SEGMENTS.has(j.es ?? '')) return `Invalid exchange segment ${j.es ?? ''}`;
  if (!PRODUCTS.has(j.pc ?? '')) return `Invalid product ${j.pc ?? ''}`;
  if (!TYPES.has(j.pt ?? '')) return `Invalid order type ${j.pt ?? ''}`;
  if (j.tt !== 'B' && j.tt !== 'S') return `Invalid transaction type ${j.tt ?? ''}`;
  if (!j.ts) return 'Trading symbol is required';
  for (const key of ['pr', 'tp', 'qt', 'dq', 'mp'] as const) {
    if (!NUMBER.test(j[key] ?? '')) return `Invalid number for ${key}: "${j[key] ?? ''}"`;
  }
  if (Number(j.qt) <= 0) return 'Quantity must be positive';
  // The venue rule the adapter must work around (MARKET-FACTS).
  if (j.pt === 'SL-M') return 'Market order with Algo Id not allowed';
  if (j.pt === 'SL' && Number(j.tp) <= 0) return 'Trigger price is required for SL orders';
  if ((j.pt === 'L' || j.pt === 'SL') && Number(j.pr) <= 0) return 'Price is required for limit orders';
  return null;
}

export function checkPlace(jData: Record<string, unknown> | null): string | null {
  if (jData === null) return 'jData is missing or not JSON';
  const strings = allStrings(jData);
  if (strings) return strings;
  const j = jData as Record<string, string>;
  for (const key of ['es', 'pc', 'pt', 'pr', 'tp', 'qt', 'rt', 'ts', 'tt', 'am', 'dq', 'mp']) {
    if (!(key in j)) return `Missing field ${key}`;
  }
  if (j.rt !== 'DAY' && j.rt !== 'IOC') return `Invalid validity ${j.rt ?? ''}`;
  if (j.am !== 'YES' && j.am !== 'NO') return `Invalid AMO flag ${j.am ?? ''}`;
  return commonTerms(j);
}

/** A cancel names the order and says, with am, whether it is an after-market order. */
export function checkCancel(jData: Record<string, unknown> | null): string | null {
  if (jData === null) return 'jData is missing or not JSON';
  const strings = allStrings(jData);
  if (strings) return strings;
  const j = jData as Record<string, string>;
  if (!j.on) return 'Missing field on';
  if (j.am !== 'YES' && j.am !== 'NO') return `Invalid AMO flag ${j.am ?? ''}`;
  return null;
}

export function checkModify(jData: Record<string, unknown> | null): string | null {
  if (jData === null) return 'jData is missing or not JSON';
  const strings = allStrings(jData);
  if (strings) return strings;
  const j = jData as Record<string, string>;
  for (const key of ['no', 'tk', 'es', 'ts', 'tt', 'pc', 'pt', 'pr', 'tp', 'qt', 'vd']) {
    if (!(key in j)) return `Missing field ${key}`;
  }
  return commonTerms(j);
}
