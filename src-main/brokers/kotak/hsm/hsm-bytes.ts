/**
 * Big-endian byte plumbing for the HSM codec (layout: hsm-protocol.ts).
 *
 * ByteReader never throws: a read past the end returns null and latches `overrun`, so
 * a decoder can read a whole structure and check once, and a truncated frame can never
 * become an exception or an out-of-bounds read. ByteWriter grows as needed.
 */

export class ByteReader {
  readonly #view: DataView;
  readonly #bytes: Uint8Array;
  #pos: number;

  constructor(bytes: Uint8Array, start = 0) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#pos = start;
  }

  get offset(): number {
    return this.#pos;
  }

  get remaining(): number {
    return this.#bytes.length - this.#pos;
  }

  u8(): number | null {
    if (this.#pos + 1 > this.#bytes.length) return null;
    return this.#view.getUint8(this.#pos++);
  }

  u16(): number | null {
    if (this.#pos + 2 > this.#bytes.length) return null;
    const value = this.#view.getUint16(this.#pos);
    this.#pos += 2;
    return value;
  }

  u32(): number | null {
    if (this.#pos + 4 > this.#bytes.length) return null;
    const value = this.#view.getUint32(this.#pos);
    this.#pos += 4;
    return value;
  }

  /** An unsigned integer of `length` bytes (≤ 6 keeps it exact in a double); null if longer or past the end. */
  uint(length: number): number | null {
    if (length > 6 || this.#pos + length > this.#bytes.length) return null;
    let value = 0;
    for (let i = 0; i < length; i++) value = value * 256 + (this.#bytes[this.#pos + i] ?? 0);
    this.#pos += length;
    return value;
  }

  bytes(length: number): Uint8Array | null {
    if (this.#pos + length > this.#bytes.length) return null;
    const out = this.#bytes.subarray(this.#pos, this.#pos + length);
    this.#pos += length;
    return out;
  }

  /** Latin-1 text: one char per byte, as the SDK's chr() decoding, so any bytes decode. */
  text(length: number): string | null {
    const raw = this.bytes(length);
    if (raw === null) return null;
    let out = '';
    for (const byte of raw) out += String.fromCharCode(byte);
    return out;
  }
}

export class ByteWriter {
  #buffer = new Uint8Array(64);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  u8(value: number): this {
    this.#reserve(1)[this.#length++] = value & 0xff;
    return this;
  }

  u16(value: number): this {
    return this.u8(value >>> 8).u8(value);
  }

  u32(value: number): this {
    return this.u16(value >>> 16).u16(value & 0xffff);
  }

  bytes(data: Uint8Array): this {
    this.#reserve(data.length).set(data, this.#length);
    this.#length += data.length;
    return this;
  }

  /** Latin-1 text (tokens and symbols are ASCII). */
  text(value: string): this {
    return this.bytes(latin1(value));
  }

  /** Overwrites a u16 already written (a length prefix filled in afterwards). */
  patchU16(at: number, value: number): this {
    this.#buffer[at] = (value >>> 8) & 0xff;
    this.#buffer[at + 1] = value & 0xff;
    return this;
  }

  finish(): Uint8Array {
    return this.#buffer.slice(0, this.#length);
  }

  #reserve(extra: number): Uint8Array {
    if (this.#length + extra > this.#buffer.length) {
      const grown = new Uint8Array(Math.max(this.#buffer.length * 2, this.#length + extra));
      grown.set(this.#buffer.subarray(0, this.#length));
      this.#buffer = grown;
    }
    return this.#buffer;
  }
}

export function latin1(value: string): Uint8Array {
  const out = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) out[i] = value.charCodeAt(i) & 0xff;
  return out;
}

/**
 * The common request / response envelope: u16 length of the rest, u8 type, u8 field
 * count, then fields of u8 id + u16 length + value.
 */
export function encodeFields(type: number, fields: ReadonlyArray<readonly [id: number, value: Uint8Array]>): Uint8Array {
  const w = new ByteWriter().u16(0).u8(type).u8(fields.length);
  for (const [id, value] of fields) w.u8(id).u16(value.length).bytes(value);
  return w.patchU16(0, w.length - 2).finish();
}
