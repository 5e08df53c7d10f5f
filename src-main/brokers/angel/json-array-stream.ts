/**
 * Splits a JSON array arriving in chunks into its elements, one at a time, so a
 * 40 MB download (Angel One's OpenAPIScripMaster.json, a single array of ~150,000
 * flat objects) is parsed with memory for one element, not for the whole file.
 *
 * It only finds where each element starts and ends (tracking strings, escapes and
 * nesting); each element is then read with JSON.parse. A broken element costs that
 * element (reported with its position), not the file: the scan carries on at the next
 * comma at the top level. An element longer than `maxElementChars` is reported and
 * skipped without being held. Text that is not an array at all, an array never
 * closed, and text after the closing bracket are reported as the file's error.
 * It never throws and terminates: each character is looked at once.
 */

export type ArrayElement = { index: number; ok: true; value: unknown } | { index: number; ok: false; reason: string };

const Phase = { Start: 0, Between: 1, Element: 2, Done: 3, Failed: 4 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;

export class JsonArraySplitter {
  #phase: Phase = Phase.Start;
  #depth = 0;
  #inString = false;
  #escape = false;
  #scalar = false;
  #buffer = '';
  #oversize = false;
  #index = 0;
  #error: string | null = null;
  readonly #max: number;

  constructor(options: { maxElementChars?: number } = {}) {
    this.#max = options.maxElementChars ?? 1 << 16;
  }

  /** The file-level problem, once there is one (elements delivered before it stand). */
  get error(): string | null {
    return this.#error;
  }

  push(chunk: string): ArrayElement[] {
    const out: ArrayElement[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      switch (this.#phase) {
        case Phase.Start:
          if (isSpace(c)) continue;
          if (c === 0x5b) this.#phase = Phase.Between;
          else this.#fail('the file is not a JSON array');
          continue;
        case Phase.Between:
          if (isSpace(c) || c === 0x2c) continue;
          if (c === 0x5d) {
            this.#phase = Phase.Done;
            continue;
          }
          this.#phase = Phase.Element;
          this.#depth = 0;
          this.#inString = false;
          this.#escape = false;
          this.#scalar = c !== 0x7b && c !== 0x5b;
          start = i;
          i -= 1; // read this character again as the element's first
          continue;
        case Phase.Element: {
          const end = this.#scan(c);
          if (end === 'open') continue;
          this.#finish(chunk.slice(start, end === 'with' ? i + 1 : i), out);
          this.#phase = Phase.Between;
          if (end === 'before') i -= 1; // the ',' or ']' that ended a scalar belongs to the array
          continue;
        }
        case Phase.Done:
          if (!isSpace(c)) this.#fail('text after the end of the array');
          continue;
        case Phase.Failed:
          return out;
      }
    }
    if (this.#phase === Phase.Element) this.#hold(chunk.slice(start));
    return out;
  }

  /** Ends the input; returns an element cut off by the end of the file, as a problem. */
  end(): ArrayElement[] {
    const out: ArrayElement[] = [];
    if (this.#phase === Phase.Element) {
      out.push({ index: this.#index++, ok: false, reason: 'the file ended inside this element' });
      this.#fail('the array was never closed');
    } else if (this.#phase === Phase.Start) this.#fail('the file is empty');
    else if (this.#phase === Phase.Between) this.#fail('the array was never closed');
    return out;
  }

  /** Where the element ends: not yet, just before this character, or with it. */
  #scan(c: number): 'open' | 'before' | 'with' {
    if (this.#inString) {
      if (this.#escape) this.#escape = false;
      else if (c === 0x5c) this.#escape = true;
      else if (c === 0x22) this.#inString = false;
      return 'open';
    }
    if (c === 0x22) this.#inString = true;
    else if (c === 0x7b || c === 0x5b) this.#depth += 1;
    else if (c === 0x7d || c === 0x5d) {
      if (this.#depth === 0) return 'before';
      this.#depth -= 1;
      if (this.#depth === 0 && !this.#scalar) return 'with';
    } else if (c === 0x2c && this.#depth === 0) return 'before';
    return 'open';
  }

  #hold(text: string): void {
    if (this.#oversize) return;
    this.#buffer += text;
    if (this.#buffer.length > this.#max) {
      this.#oversize = true;
      this.#buffer = '';
    }
  }

  #finish(tail: string, out: ArrayElement[]): void {
    const index = this.#index++;
    this.#hold(tail);
    if (this.#oversize) out.push({ index, ok: false, reason: `element longer than ${this.#max} characters` });
    else {
      try {
        out.push({ index, ok: true, value: JSON.parse(this.#buffer) });
      } catch {
        out.push({ index, ok: false, reason: 'not valid JSON' });
      }
    }
    this.#buffer = '';
    this.#oversize = false;
  }

  #fail(reason: string): void {
    this.#error ??= reason;
    this.#phase = Phase.Failed;
  }
}
