/**
 * Breeze's REST envelope → one typed result, never an exception.
 *   {"Success": <object|array|null>, "Status": <int>, "Error": <string|null>}
 * HTTP is usually 200; `Status` says what happened. Breeze publishes no error codes
 * (§D11), so refusals are told apart by Status and, for the session, by the two
 * sentences the SDK itself recognises:
 * - "Invalid session." — the session key is not (or no longer) valid → session-expired;
 * - "Resource not available." — an expired API_Session, but only at customerdetails
 *   (elsewhere the same words may mean a missing resource) → session-expired there.
 * HTTP 401 is read as an expired session too; 403 is a refusal of the call only.
 * Status 429 or HTTP 429 is the rate limit. Status ≥ 500 WITH an Error text is a
 * refusal (Breeze and its SDK report rejections that way); without one, Breeze's own
 * trouble. Anything else that is not the envelope is 'bad-response'.
 */
import { z } from 'zod';
import { describeNonJson, readBody, type HttpAnswer } from '../kite/http-body';
import { describeIssues } from '../kite/master-report';

export type BreezeErrorKind = 'session-expired' | 'rate-limited' | 'rejected' | 'broker-unavailable' | 'bad-response';

export interface BreezeApiError {
  kind: BreezeErrorKind;
  /** HTTP status. */
  status: number;
  /** The envelope's Status, null when there was no envelope. */
  envelopeStatus: number | null;
  message: string;
}

export type BreezeResponse<T> = { ok: true; data: T } | { ok: false; error: BreezeApiError };

/** Where the answer came from: customerdetails reads "Resource not available." as an expired session. */
export type BreezeCallContext = 'session' | 'call';

const envelopeSchema = z.looseObject({
  Success: z.unknown().optional(),
  Status: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
  Error: z.string().nullish(),
});

const sentence = (text: string) => text.trim().replace(/\.+$/, '').toLowerCase();

export function classifyBreezeError(httpStatus: number, envelopeStatus: number | null, message: string | null, context: BreezeCallContext): BreezeErrorKind {
  const said = message === null ? '' : sentence(message);
  if (said === 'invalid session' || (context === 'session' && said === 'resource not available') || httpStatus === 401) return 'session-expired';
  if (httpStatus === 429 || envelopeStatus === 429 || /too many requests|rate limit/.test(said)) return 'rate-limited';
  if (said !== '') return 'rejected';
  if (httpStatus >= 500 || (envelopeStatus !== null && envelopeStatus >= 500)) return 'broker-unavailable';
  return httpStatus >= 400 ? 'rejected' : 'bad-response';
}

export function parseBreezeResponse<T>(answer: HttpAnswer, success: z.ZodType<T>, context: BreezeCallContext = 'call'): BreezeResponse<T> {
  const error = (kind: BreezeErrorKind, message: string, envelopeStatus: number | null): BreezeResponse<T> => ({
    ok: false,
    error: { kind, status: answer.status, envelopeStatus, message },
  });
  const reading = readBody(answer);
  if (reading.kind !== 'json') {
    const kind = classifyBreezeError(answer.status, null, null, context);
    return error(kind, describeNonJson(answer.status, reading), null);
  }
  const envelope = envelopeSchema.safeParse(reading.value);
  if (!envelope.success) {
    return error(answer.status >= 500 ? 'broker-unavailable' : 'bad-response', `HTTP ${answer.status}: JSON without a Breeze Status (${describeIssues(envelope.error.issues)})`, null);
  }
  const { Status: status, Error: said, Success: data } = envelope.data;
  const message = said?.trim() ? said.trim() : null;
  if (status !== 200 || answer.status >= 400) {
    return error(classifyBreezeError(answer.status, status, message, context), message ?? `Breeze answered Status ${status}`, status);
  }
  const parsed = success.safeParse(data ?? null);
  if (!parsed.success) {
    if (message !== null) return error(classifyBreezeError(answer.status, status, message, context), message, status);
    return error('bad-response', `HTTP ${answer.status}: unexpected Success: ${describeIssues(parsed.error.issues)}`, status);
  }
  return { ok: true, data: parsed.data };
}

export type BreezeList<T> = { ok: true; rows: T[]; dropped: number; problems: string[] } | { ok: false; error: BreezeApiError };

/**
 * A list answer. An empty book's shape is not documented: Success null or [] is no
 * rows, and so is an Error that says there is no data.
 */
export function parseBreezeList<T>(answer: HttpAnswer, row: z.ZodType<T>): BreezeList<T> {
  const response = parseBreezeResponse(answer, z.union([z.array(z.unknown()), z.null()]));
  if (!response.ok) {
    if (/no data/i.test(response.error.message) && response.error.kind === 'rejected') return { ok: true, rows: [], dropped: 0, problems: [] };
    return response;
  }
  const items = response.data ?? [];
  const rows: T[] = [];
  const problems: string[] = [];
  for (const item of items) {
    const parsed = row.safeParse(item);
    if (parsed.success) rows.push(parsed.data);
    else if (problems.length < 20) problems.push(describeIssues(parsed.error.issues));
  }
  return { ok: true, rows, dropped: items.length - rows.length, problems };
}
