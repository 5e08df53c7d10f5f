/**
 * One field of PostgreSQL's COPY … TO STDOUT text format: NULL is \N, and
 * backslash escapes the rest (\\ \t \n \r \b \f \v, octal \NNN, hex \xHH).
 * A raw LF or TAB inside a value is always escaped, so rows split on LF and
 * fields on TAB exactly (copy-bytes-to-csv.ts does that on bytes).
 */

const NULL_MARK = '\\N';
const SIMPLE: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' };

export function unescapeCopyField(raw: string): string | null {
  if (raw === NULL_MARK) return null;
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw[i] as string;
    if (ch !== '\\' || i + 1 >= raw.length) {
      out += ch;
      continue;
    }
    const next = raw[i + 1] as string;
    const simple = SIMPLE[next];
    if (simple !== undefined) {
      out += simple;
      i += 1;
    } else if (next >= '0' && next <= '7') {
      const digits = /^[0-7]{1,3}/.exec(raw.slice(i + 1))?.[0] ?? next;
      out += String.fromCharCode(parseInt(digits, 8));
      i += digits.length;
    } else if (next === 'x' && /^[0-9a-fA-F]/.test(raw[i + 2] ?? '')) {
      const digits = /^[0-9a-fA-F]{1,2}/.exec(raw.slice(i + 2))?.[0] as string;
      out += String.fromCharCode(parseInt(digits, 16));
      i += 1 + digits.length;
    } else {
      // Any other escaped character stands for itself.
      out += next;
      i += 1;
    }
  }
  return out;
}

/** The inverse, as COPY TO writes it: for tests that build COPY input. */
export function escapeCopyField(value: string | null): string {
  if (value === null) return NULL_MARK;
  return value.replace(/[\\\t\n\r\b\f\v]/g, (ch) => `\\${{ '\\': '\\', '\t': 't', '\n': 'n', '\r': 'r', '\b': 'b', '\f': 'f', '\v': 'v' }[ch] ?? ch}`);
}
