/**
 * RFC 4180 cells that are safe to open in a spreadsheet.
 *
 * Formula injection (OWASP "CSV Injection"): a spreadsheet evaluates a cell
 * that starts with = + - @, and tab / CR / LF are used to smuggle those past
 * naive checks. Such a TEXT cell is prefixed with a single quote, which makes
 * the spreadsheet show it as text (the quote itself is not shown by Excel,
 * LibreOffice or Sheets). NUMBER cells are never prefixed: a negative P&L
 * "-125.50" must stay a number, so a column's kind decides, never the value.
 * A value that claims to be a number but is not one (NaN, a stray string) is
 * treated as text and neutralised like any other.
 */

export const CRLF = '\r\n';
/** UTF-8 byte order mark: lets Excel on Windows detect UTF-8. */
export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export type CellKind = 'text' | 'number';

/** = + - @ TAB CR LF as char codes: a switch on the first code beats a regex per cell at a million rows. */
function startsLikeFormula(value: string): boolean {
  switch (value.charCodeAt(0)) {
    case 0x3d: case 0x2b: case 0x2d: case 0x40: case 0x09: case 0x0d: case 0x0a:
      return true;
    default:
      return false;
  }
}
const NEEDS_QUOTES = /[",\r\n]/;
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** Quotes when the value holds a comma, a double quote, CR or LF (quotes doubled). */
function quoted(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** NULL is an empty cell; an empty string is "" so the two stay apart. */
export function textCell(value: string | null): string {
  if (value === null) return '';
  if (value === '') return '""';
  return quoted(startsLikeFormula(value) ? `'${value}` : value);
}

export function numberCell(value: string | null): string {
  if (value === null) return '';
  return PLAIN_NUMBER.test(value) ? value : textCell(value);
}

export function cell(kind: CellKind, value: string | null): string {
  return kind === 'number' ? numberCell(value) : textCell(value);
}

export function csvLine(kinds: readonly CellKind[], values: readonly (string | null)[]): string {
  let line = '';
  for (let i = 0; i < kinds.length; i += 1) {
    if (i > 0) line += ',';
    line += cell(kinds[i] as CellKind, values[i] ?? null);
  }
  return line + CRLF;
}

/** The header row: names are ours, but they go through the same rules. */
export function headerLine(names: readonly string[]): string {
  return names.map((name) => textCell(name)).join(',') + CRLF;
}
