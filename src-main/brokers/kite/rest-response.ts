/**
 * Kite REST answers: `{"status":"success","data":…}` or
 * `{"status":"error","message":"…","error_type":"TokenException"|…}`. Everything
 * else (an HTML page from a gateway, a 429 with no body, JSON of another shape) is a
 * typed error too, so the adapter has one switch and nothing throws.
 */
import { z } from 'zod';
import { describeNonJson, readBody, type HttpAnswer } from './http-body';

export type KiteErrorKind =
  /** TokenException or HTTP 403: the daily session is over; prompt the trader to log in. */
  | 'session-expired'
  /** HTTP 429: over the rate limit; retry after a pause. */
  | 'rate-limited'
  /** The broker refused the request (InputException, OrderException, MarginException, …). */
  | 'rejected'
  /** Kite's own trouble (NetworkException, DataException, GeneralException, 5xx). */
  | 'broker-unavailable'
  /** Not JSON (an HTML page, text, nothing) or JSON of an unknown shape. */
  | 'bad-response';

export interface KiteApiError {
  kind: KiteErrorKind;
  status: number;
  /** Kite's error_type when it sent one. */
  errorType: string | null;
  message: string;
}

export type KiteResponse<T> = { ok: true; data: T } | { ok: false; error: KiteApiError };

const successSchema = z.object({ status: z.literal('success'), data: z.unknown() });
const errorSchema = z.object({
  status: z.literal('error'),
  message: z.string().default('no message'),
  error_type: z.string().nullish(),
});

const UNAVAILABLE_TYPES = new Set(['NetworkException', 'DataException', 'GeneralException']);

export function parseKiteResponse<T>(answer: HttpAnswer, dataSchema: z.ZodType<T>): KiteResponse<T> {
  const error = (kind: KiteErrorKind, message: string, errorType: string | null = null): KiteResponse<T> => ({
    ok: false,
    error: { kind, status: answer.status, errorType, message },
  });
  const reading = readBody(answer);
  if (reading.kind !== 'json') {
    if (answer.status === 429) return error('rate-limited', `HTTP 429: too many requests`);
    if (answer.status === 403) return error('session-expired', describeNonJson(answer.status, reading));
    return error(answer.status >= 500 ? 'broker-unavailable' : 'bad-response', describeNonJson(answer.status, reading));
  }
  const failure = errorSchema.safeParse(reading.value);
  if (failure.success) {
    const type = failure.data.error_type ?? null;
    if (type === 'TokenException' || answer.status === 403) return error('session-expired', failure.data.message, type);
    if (answer.status === 429) return error('rate-limited', failure.data.message, type);
    if ((type !== null && UNAVAILABLE_TYPES.has(type)) || answer.status >= 500) return error('broker-unavailable', failure.data.message, type);
    return error('rejected', failure.data.message, type);
  }
  const success = successSchema.safeParse(reading.value);
  if (!success.success) return error('bad-response', `HTTP ${answer.status}: JSON without a Kite status`);
  const data = dataSchema.safeParse(success.data.data);
  if (!data.success) return error('bad-response', `HTTP ${answer.status}: unexpected data: ${data.error.issues[0]?.message ?? ''}`);
  return { ok: true, data: data.data };
}

export const kiteOrderIdDataSchema = z.object({ order_id: z.string().min(1) });

/** Place, modify and cancel all answer `{data: {order_id}}`. */
export function parseKiteOrderResponse(answer: HttpAnswer): KiteResponse<{ orderId: string }> {
  const parsed = parseKiteResponse(answer, kiteOrderIdDataSchema);
  return parsed.ok ? { ok: true, data: { orderId: parsed.data.order_id } } : parsed;
}
