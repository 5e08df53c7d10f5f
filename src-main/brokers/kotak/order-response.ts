/**
 * Kotak Neo order answers → one typed result, never an exception.
 *   success: {"stat":"Ok","nOrdNo":"…","stCode":200}  (cancel may answer with "result")
 *   refusal: {"stat":"Not_Ok","emsg":"…","stCode":…}   (some services spell it errMsg)
 *   gateway: {"code":"900901","message":"Invalid Credentials","description":"…"}
 *   and whatever a proxy sends instead: HTML pages, empty bodies, text.
 *
 * Session expiry is told by HTTP 401/403 or the API gateway's 9009xx credential
 * codes (WSO2, which fronts Kotak's API). Matching words in messages is avoided:
 * a rejection that mentions "session" must stay a rejection.
 */
import { z } from 'zod';
import { describeNonJson, readBody, type HttpAnswer } from '../kite/http-body';

export type KotakErrorKind = 'session-expired' | 'rate-limited' | 'rejected' | 'broker-unavailable' | 'bad-response';

export interface KotakApiError {
  kind: KotakErrorKind;
  status: number;
  /** Kotak's stCode or the gateway code, as text; null when none was sent. */
  code: string | null;
  /** Kotak's words, shown to the trader. */
  message: string;
}

export type KotakOrderResponse = { ok: true; orderNo: string } | { ok: false; error: KotakApiError };

const code = z.union([z.string(), z.number()]).transform(String).nullish();

const okSchema = z.looseObject({
  stat: z.literal('Ok'),
  nOrdNo: z.union([z.string().min(1), z.number()]).transform(String).optional(),
  result: z.union([z.string().min(1), z.number()]).transform(String).optional(),
  stCode: code,
});

const notOkSchema = z.looseObject({
  stat: z.string().refine((s) => s !== 'Ok'),
  emsg: z.string().optional(),
  errMsg: z.string().optional(),
  message: z.string().optional(),
  stCode: code,
});

const gatewaySchema = z.looseObject({
  code: z.union([z.string(), z.number()]).transform(String),
  message: z.string(),
  description: z.string().optional(),
});

export function parseKotakOrderResponse(answer: HttpAnswer): KotakOrderResponse {
  const error = (kind: KotakErrorKind, message: string, errorCode: string | null = null): KotakOrderResponse => ({
    ok: false,
    error: { kind, status: answer.status, code: errorCode, message },
  });
  const statusKind = (): KotakErrorKind | null => {
    if (answer.status === 401 || answer.status === 403) return 'session-expired';
    if (answer.status === 429) return 'rate-limited';
    if (answer.status >= 500) return 'broker-unavailable';
    return null;
  };

  const reading = readBody(answer);
  if (reading.kind !== 'json') return error(statusKind() ?? 'bad-response', describeNonJson(answer.status, reading));

  const ok = okSchema.safeParse(reading.value);
  if (ok.success) {
    const orderNo = ok.data.nOrdNo ?? ok.data.result;
    if (orderNo === undefined) return error('bad-response', `HTTP ${answer.status}: "Ok" without an order number`);
    return { ok: true, orderNo };
  }
  const notOk = notOkSchema.safeParse(reading.value);
  if (notOk.success) {
    const message = notOk.data.emsg ?? notOk.data.errMsg ?? notOk.data.message ?? `Kotak refused the order (${notOk.data.stat})`;
    return error(statusKind() ?? 'rejected', message, notOk.data.stCode ?? null);
  }
  const gateway = gatewaySchema.safeParse(reading.value);
  if (gateway.success) {
    const credentials = /^9009\d\d$/.test(gateway.data.code);
    const message = gateway.data.description ? `${gateway.data.message}: ${gateway.data.description}` : gateway.data.message;
    return error(credentials ? 'session-expired' : (statusKind() ?? 'rejected'), message, gateway.data.code);
  }
  return error(statusKind() ?? 'bad-response', `HTTP ${answer.status}: JSON of an unknown shape`);
}
