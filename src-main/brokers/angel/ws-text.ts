/**
 * SmartWebSocket V2's server → client TEXT frames (ticks are binary): the heartbeat
 * answer "pong", and errors such as
 *   {"correlationID":"abcde12345","errorCode":"E1002","errorMessage":"Invalid Request. Subscription Limit Exceeded"}
 * (E1001 invalid payload, E1002 subscription limit). Never throws: anything else is
 * 'invalid' with the reason, to be counted and logged.
 */
import { z } from 'zod';

export type AngelWsText =
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string; correlationId: string | null; overLimit: boolean }
  | { type: 'invalid'; reason: string };

const errorSchema = z.looseObject({
  correlationID: z.string().nullish(),
  errorCode: z.string().min(1),
  errorMessage: z.string().default(''),
});

export function parseAngelWsText(text: string): AngelWsText {
  const trimmed = text.trim();
  if (trimmed === 'pong') return { type: 'pong' };
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { type: 'invalid', reason: 'neither "pong" nor JSON' };
  }
  const error = errorSchema.safeParse(json);
  if (!error.success) return { type: 'invalid', reason: 'JSON without an errorCode' };
  const { errorCode, errorMessage, correlationID } = error.data;
  return { type: 'error', code: errorCode, message: errorMessage, correlationId: correlationID ?? null, overLimit: errorCode === 'E1002' };
}
