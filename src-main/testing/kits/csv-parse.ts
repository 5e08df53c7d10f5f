/**
 * A strict RFC 4180 reader, for tests and for checking an export: CRLF
 * between records, fields quoted when they hold a comma, quote, CR or LF.
 * A bare LF or CR outside quotes is an error, so a stray one is caught.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return records;
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= n) throw new Error('CSV: unterminated quoted field');
        const ch = text[i] as string;
        if (ch === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += ch;
        i += 1;
      }
    } else {
      while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`CSV: quote inside an unquoted field at ${i}`);
        value += text[i];
        i += 1;
      }
    }
    record.push(value);
    if (i >= n) {
      records.push(record);
      return records;
    }
    const ch = text[i];
    if (ch === ',') {
      i += 1;
      continue;
    }
    if (ch === '\r' && text[i + 1] === '\n') {
      records.push(record);
      record = [];
      i += 2;
      if (i >= n) return records;
      continue;
    }
    throw new Error(`CSV: expected a comma or CRLF at ${i}`);
  }
}
