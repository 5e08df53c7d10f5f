import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { CopyCsvEncoder, type CsvColumnSource, type LookupCells } from './copy-bytes-to-csv';
import { headerLine, UTF8_BOM } from './csv-cell';

export interface CsvTransformOptions {
  names: readonly string[];
  /** Per CSV column: its COPY field and rule (export-columns.ts copyPlan). */
  sources: readonly CsvColumnSource[];
  bom: boolean;
  /** The cells of the 'lookup' sources, if any. */
  lookup?: LookupCells;
  /** After each chunk: rows and bytes written so far. */
  onProgress?: (rows: number, bytes: number) => void;
}

/**
 * COPY text bytes in, CSV bytes out. It also hashes and counts exactly the
 * bytes it emits, so the SHA-256 shown at the end is the file's without
 * reading it back. Backpressure flows through: a slow disk pauses COPY.
 */
export class CopyToCsvTransform extends Transform {
  readonly #encoder: CopyCsvEncoder;
  /** The start of a row whose end has not arrived yet. */
  #rest: Buffer = Buffer.alloc(0);
  readonly #hash: Hash = createHash('sha256');
  readonly #options: CsvTransformOptions;
  #started = false;
  rows = 0;
  bytes = 0;

  constructor(options: CsvTransformOptions) {
    super({ readableHighWaterMark: 1 << 20 });
    this.#options = options;
    this.#encoder = new CopyCsvEncoder(options.sources, options.lookup ?? null);
  }

  #emit(buffer: Buffer): void {
    this.#hash.update(buffer);
    this.bytes += buffer.length;
    this.push(buffer);
  }

  #start(): void {
    if (this.#started) return;
    this.#started = true;
    if (this.#options.bom) this.#emit(UTF8_BOM);
    this.#emit(Buffer.from(headerLine(this.#options.names), 'utf8'));
  }

  #encode(src: Buffer, start: number, end: number): void {
    const { csv, rows } = this.#encoder.encode(src, start, end);
    this.rows += rows;
    this.#emit(csv);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.#start();
      let from = 0;
      if (this.#rest.length > 0) {
        // Finish the row the last chunk cut, without copying this whole chunk onto it.
        const firstLf = chunk.indexOf(0x0a);
        if (firstLf < 0) {
          this.#rest = Buffer.concat([this.#rest, chunk]);
          callback();
          return;
        }
        const head = Buffer.concat([this.#rest, chunk.subarray(0, firstLf + 1)]);
        this.#encode(head, 0, head.length);
        from = firstLf + 1;
      }
      const lastLf = chunk.lastIndexOf(0x0a);
      if (lastLf >= from) this.#encode(chunk, from, lastLf + 1);
      // Copied, so the rest of the row does not keep the whole chunk alive.
      this.#rest = Buffer.from(chunk.subarray(Math.max(from, lastLf + 1)));
      this.#options.onProgress?.(this.rows, this.bytes);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.#start();
      if (this.#rest.length > 0) throw new Error('COPY output ended in the middle of a row');
      this.#options.onProgress?.(this.rows, this.bytes);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  /** Hex SHA-256 of everything emitted; call once, after the stream finished. */
  sha256(): string {
    return this.#hash.digest('hex');
  }
}
