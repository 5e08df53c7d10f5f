/**
 * The header set Angel One wants on every REST call (facts §A1), pure.
 *
 * X-UserType must be USER and X-SourceID WEB. X-ClientLocalIP, X-ClientPublicIP and
 * X-MACAddress describe the trader's machine; the Python SDK always sends fixed
 * values there (a `finally:` overwrites what it found), which we do not copy: the
 * adapter supplies the machine's own, and a value that is not an IP or a MAC is
 * refused here rather than sent. Authorization is `Bearer <jwt>` on every call except
 * loginByPassword.
 */
import { isIP } from 'node:net';
import { bareJwt, isTokenText } from './login';

export interface AngelClientIdentity {
  localIp: string;
  publicIp: string;
  macAddress: string;
}

export interface AngelHeaderInput {
  apiKey: string;
  identity: AngelClientIdentity;
  /** Null for loginByPassword; with or without "Bearer ". */
  jwt: string | null;
}

export type AngelHeaderResult = { ok: true; headers: Record<string, string> } | { ok: false; reason: string };

const MAC_RE = /^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\1[0-9A-Fa-f]{2}){4}$/;

export function angelHeaders(input: AngelHeaderInput): AngelHeaderResult {
  const { apiKey, identity } = input;
  if (!isTokenText(apiKey)) return { ok: false, reason: 'the Angel One API key is missing or has spaces' };
  if (isIP(identity.localIp) === 0) return { ok: false, reason: `"${identity.localIp}" is not an IP address (local IP)` };
  if (isIP(identity.publicIp) === 0) return { ok: false, reason: `"${identity.publicIp}" is not an IP address (public IP)` };
  if (!MAC_RE.test(identity.macAddress)) return { ok: false, reason: `"${identity.macAddress}" is not a MAC address` };
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'X-UserType': 'USER',
    'X-SourceID': 'WEB',
    'X-ClientLocalIP': identity.localIp,
    'X-ClientPublicIP': identity.publicIp,
    'X-MACAddress': identity.macAddress,
    'X-PrivateKey': apiKey,
  };
  if (input.jwt !== null) {
    const jwt = bareJwt(input.jwt);
    if (!isTokenText(jwt)) return { ok: false, reason: 'the session token is missing or malformed' };
    headers.Authorization = `Bearer ${jwt}`;
  }
  return { ok: true, headers };
}
