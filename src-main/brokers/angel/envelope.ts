/**
 * Angel One's REST envelope → one typed result, never an exception.
 *   success: {"status":true,"message":"SUCCESS","errorcode":"","data":{…}}
 *   failure: {"status":"false","message":"…","errorcode":"AB1007","data":"null"}
 * Both forms are accepted (§D1): `status` as a boolean or the text "true"/"false",
 * the code as `errorcode` (docs) or `errorCode` (the JS SDK), `data` "null" as null.
 * A Kite-style `error_type` is read too. Proxies' HTML pages, empty bodies and the
 * plain-text 403 of the rate limiter become typed errors with a readable line.
 */
import { z } from 'zod';
import { describeNonJson, readBody, type HttpAnswer } from '../kite/http-body';
import { describeIssues } from '../kite/master-report';
import { classifyAngelError, type AngelErrorKind } from './error-codes';

export interface AngelApiError {
  kind: AngelErrorKind;
  /** HTTP status. */
  status: number;
  /** Angel's error code ("AB1007"), null when none was sent. */
  code: string | null;
  /** Angel's words, for the trader. */
  message: string;
}

export type AngelResponse<T> = { ok: true; data: T; message: string | null } | { ok: false; error: AngelApiError };

/** true or "true" is success; false, "false" and any other word (a Kite-style "error") are not. */
const flag = z.union([z.boolean(), z.string().transform((s) => s.trim().toLowerCase() === 'true')]);
const text = z.string().nullish().transform((s) => (s === undefined || s === null || s.trim() === '' ? null : s.trim()));

const envelopeSchema = z.looseObject({
  status: flag,
  message: text,
  errorcode: text,
  errorCode: text,
  error_type: text,
  data: z.unknown().optional().transform((d) => (d === 'null' || d === undefined ? null : d)),
});

export function parseAngelResponse<T>(answer: HttpAnswer, dataSchema: z.ZodType<T>): AngelResponse<T> {
  const error = (kind: AngelErrorKind, message: string, code: string | null = null): AngelResponse<T> => ({
    ok: false,
    error: { kind, status: answer.status, code, message },
  });
  const reading = readBody(answer);
  if (reading.kind !== 'json') {
    const line = describeNonJson(answer.status, reading);
    const said = reading.kind === 'empty' ? '' : reading.kind === 'html' ? (reading.title ?? reading.snippet) : reading.snippet;
    const kind = classifyAngelError({ httpStatus: answer.status, code: null, message: said, errorType: null });
    return error(kind === 'rejected' && answer.status < 400 ? 'bad-response' : kind, line);
  }
  const envelope = envelopeSchema.safeParse(reading.value);
  if (!envelope.success) {
    const kind = answer.status >= 500 ? 'broker-unavailable' : answer.status === 429 ? 'rate-limited' : 'bad-response';
    return error(kind, `HTTP ${answer.status}: JSON without an Angel One status (${describeIssues(envelope.error.issues)})`);
  }
  const { status, message, errorcode, errorCode, error_type: errorType, data } = envelope.data;
  const code = errorcode ?? errorCode ?? null;
  if (!status || errorType !== null) {
    const words = message ?? `Angel One refused the request${code ? ` (${code})` : ''}`;
    return error(classifyAngelError({ httpStatus: answer.status, code, message: words, errorType }), words, code);
  }
  const parsed = dataSchema.safeParse(data);
  if (!parsed.success) return error('bad-response', `HTTP ${answer.status}: unexpected data: ${describeIssues(parsed.error.issues)}`);
  return { ok: true, data: parsed.data, message };
}

/**
 * A list endpoint's data: an array, or — for an empty book, whose shape is not
 * confirmed (§D2) — null, "" or a missing key, all read as no rows. `notFound` is the
 * code the endpoint may answer an empty book with (AB1013 for orders…), read likewise.
 */
export const angelListSchema = z.union([z.array(z.unknown()), z.null(), z.literal('')]).transform((v) => (Array.isArray(v) ? v : []));

export type ListReading<T> = { ok: true; rows: T[]; dropped: number; problems: string[] } | { ok: false; error: AngelApiError };

export function parseAngelList<T>(answer: HttpAnswer, row: z.ZodType<T>, notFound: string | null): ListReading<T> {
  const response = parseAngelResponse(answer, angelListSchema);
  if (!response.ok) {
    if (notFound !== null && response.error.code?.toUpperCase() === notFound) return { ok: true, rows: [], dropped: 0, problems: [] };
    return { ok: false, error: response.error };
  }
  const rows: T[] = [];
  const problems: string[] = [];
  for (const item of response.data) {
    const parsed = row.safeParse(item);
    if (parsed.success) rows.push(parsed.data);
    else if (problems.length < 20) problems.push(describeIssues(parsed.error.issues));
  }
  return { ok: true, rows, dropped: response.data.length - rows.length, problems };
}
