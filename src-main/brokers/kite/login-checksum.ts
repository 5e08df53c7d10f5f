/**
 * Kite's login exchange: the request token from the redirect plus the API key and
 * secret become an access token via POST /session/token, signed with
 * checksum = SHA-256(api_key + request_token + api_secret) in hex. Access tokens
 * expire daily, so this runs every morning; the secret never leaves this process.
 */
import { createHash } from 'node:crypto';
import type { KiteRequest } from './order-request';

export function kiteLoginChecksum(apiKey: string, requestToken: string, apiSecret: string): string {
  return createHash('sha256').update(apiKey + requestToken + apiSecret, 'utf8').digest('hex');
}

export function buildKiteSessionRequest(apiKey: string, requestToken: string, apiSecret: string): KiteRequest {
  return {
    method: 'POST',
    path: '/session/token',
    form: { api_key: apiKey, request_token: requestToken, checksum: kiteLoginChecksum(apiKey, requestToken, apiSecret) },
  };
}

/** Headers for every authenticated Kite REST call. */
export function kiteAuthHeaders(apiKey: string, accessToken: string): Record<string, string> {
  return { 'X-Kite-Version': '3', Authorization: `token ${apiKey}:${accessToken}` };
}
