/**
 * Breeze's request signature (facts §B1), pure: the caller passes the clock.
 *
 *   X-Timestamp: the current UTC time as YYYY-MM-DDTHH:MM:SS.000Z — seconds
 *                truncated, milliseconds always ".000" (the Python SDK's
 *                utcnow().isoformat()[:19] + '.000Z')
 *   X-Checksum:  "token " + lower-case hex SHA-256 of (X-Timestamp + body + secret key),
 *                the three strings joined with nothing between them, UTF-8
 *
 * `body` is the exact text sent, and GET and DELETE carry one too ("{}" when there are
 * no parameters). It is compact JSON with non-ASCII escaped as \uXXXX, byte for byte
 * what the Python SDK's json.dumps(body, separators=(',', ':')) produces, so the text
 * hashed, the text sent and the text the server re-hashes cannot differ by encoding.
 */
import { createHash } from 'node:crypto';
import type { BreezeRequest } from './session';

export interface BreezeCredentials {
  appKey: string;
  secretKey: string;
  /** base64("<user id>:<session key>") from customerdetails (session.ts). */
  sessionToken: string;
}

export function breezeTimestamp(nowMs: number): string {
  return `${new Date(nowMs).toISOString().slice(0, 19)}.000Z`;
}

export function breezeChecksum(timestamp: string, body: string, secretKey: string): string {
  return createHash('sha256').update(timestamp + body + secretKey, 'utf8').digest('hex');
}

/** Compact JSON, ASCII only (json.dumps' ensure_ascii), keys in the given order. */
export function breezeJson(body: Readonly<Record<string, string>>): string {
  return JSON.stringify(body).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The headers of every signed v1 call (all but customerdetails). */
export function breezeSignedHeaders(credentials: BreezeCredentials, body: string, now: () => number): Record<string, string> {
  const timestamp = breezeTimestamp(now());
  return {
    'Content-Type': 'application/json',
    'X-Checksum': `token ${breezeChecksum(timestamp, body, credentials.secretKey)}`,
    'X-Timestamp': timestamp,
    'X-AppKey': credentials.appKey,
    'X-SessionToken': credentials.sessionToken,
  };
}

export interface SignedBreezeRequest {
  method: BreezeRequest['method'];
  path: string;
  /** Sent as the body for every method, GET and DELETE included ("{}" when empty). */
  body: string;
  headers: Record<string, string>;
}

/** A request as it goes on the wire: its JSON text and the headers signed over exactly that text. */
export function signBreezeRequest(request: BreezeRequest, credentials: BreezeCredentials, now: () => number): SignedBreezeRequest {
  const body = breezeJson(request.body);
  return { method: request.method, path: request.path, body, headers: breezeSignedHeaders(credentials, body, now) };
}
