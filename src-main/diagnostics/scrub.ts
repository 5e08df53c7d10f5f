/**
 * Masks secrets in log text before it leaves the machine in a diagnostics
 * report. The logger already masks secret-named fields when it writes a line;
 * this second pass also catches secrets inside free text (an error message
 * with a URL, a header, a pasted JSON body) and lines another version wrote.
 */
import { isSecretFieldName, redactSecrets, REDACTED } from '../redact';

const TEXT_RULES: Array<[RegExp, string]> = [
  // scheme://user:password@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:\s/@"']+:)[^@\s"']+@/gi, `$1${REDACTED}@`],
  // Authorization: Bearer …, and Kite's "token api_key:access_token"
  [/\b(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, `$1${REDACTED}`],
  [/\b(token\s+)[A-Za-z0-9]+:[A-Za-z0-9]+/gi, `$1${REDACTED}`],
  // JSON web tokens (three base64url parts, the first a JSON header)
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g, REDACTED],
];

/** `name=`, `name: `, `"name":` and `\"name\":` (JSON inside a JSON string) before a value. */
const NAME_BEFORE_VALUE = /(\\?["']?)([A-Za-z_][A-Za-z0-9_-]*)\1\s*[:=]\s*/g;
const VALUE_END = /[&\s,;}\]"'\\]/;

/** The value at `start`: quoted ("…", '…', \"…\") up to its closing quote, else up to a delimiter. */
function valueAt(text: string, start: number): { quote: string; value: string; end: number } {
  const quote = text.startsWith('\\"', start) ? '\\"' : text[start] === '"' || text[start] === "'" ? (text[start] ?? '') : '';
  if (quote) {
    const close = text.indexOf(quote, start + quote.length);
    const end = close === -1 ? text.length : close + quote.length;
    return { quote, value: text.slice(start + quote.length, close === -1 ? text.length : close), end };
  }
  let end = start;
  while (end < text.length && !VALUE_END.test(text[end] ?? '')) end++;
  return { quote: '', value: text.slice(start, end), end };
}

function isSecretValue(name: string, value: string, quoted: boolean): boolean {
  const key = name.replace(/-/g, '_');
  if (value === '') return false;
  // A bare number under an ambiguous name ("token": 408065) is an instrument token, not a secret.
  if (!quoted && /^\d+$/.test(value)) return isSecretFieldName(key);
  return isSecretFieldName(key, value);
}

/** Scans name/value pairs without consuming the next name, so "failed: password=x" masks x. */
function maskNamedValues(text: string): string {
  let out = '';
  let copied = 0;
  for (const match of text.matchAll(NAME_BEFORE_VALUE)) {
    const valueStart = match.index + match[0].length;
    if (match.index < copied || text.startsWith(REDACTED, valueStart)) continue;
    const { quote, value, end } = valueAt(text, valueStart);
    if (!isSecretValue(match[2] ?? '', value, quote !== '')) continue;
    out += `${text.slice(copied, valueStart)}${quote}${REDACTED}${quote}`;
    copied = end;
  }
  return out + text.slice(copied);
}

export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  return maskNamedValues(out);
}

/** One log line: parsed and masked field by field when it is JSON, then its text scrubbed. */
export function scrubLogLine(line: string): string {
  let text = line;
  try {
    text = JSON.stringify(redactSecrets(JSON.parse(line) as unknown));
  } catch {
    // Not JSON (a line cut short, a foreign line): the text rules still apply.
  }
  return scrubText(text);
}
