/**
 * Keeps broker secrets out of log lines. Used as the logger's JSON
 * replacer, so it applies to every field of every record at any depth,
 * whoever logs it. Field names are matched rather than values, because the
 * logger cannot know a value is secret; credentials in Tickdesk always travel
 * under these names (BrokerCredentials.fields, adapters' requests).
 */
export const REDACTED = '[redacted]';

const SECRET_NAME = /secret|password|passwd|passphrase|mpin|totp|^otp$|^pin$|authori[sz]ation|cookie|api_?key|consumer_?key|access_?token|request_?token|refresh_?token|session_?token|enc_?token|jwt|bearer|checksum|private_?key/i;
// "token" alone is also an instrument token (a number) all over the market
// code; it is redacted only when it holds a string, as a session token would.
const AMBIGUOUS_NAME = /^(token|auth|sid|hsservid)$/i;

export function isSecretFieldName(name: string, value?: unknown): boolean {
  if (SECRET_NAME.test(name)) return true;
  return AMBIGUOUS_NAME.test(name) && typeof value === 'string';
}

/** A JSON.stringify replacer: `JSON.stringify(record, redactReplacer)`. */
export function redactReplacer(this: unknown, key: string, value: unknown): unknown {
  if (key !== '' && value !== null && value !== undefined && value !== '' && isSecretFieldName(key, value)) return REDACTED;
  return value;
}

/** A deep copy with secret fields replaced, for places that do not serialise through JSON. */
export function redactSecrets<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, redactReplacer) ?? 'null') as T;
}
