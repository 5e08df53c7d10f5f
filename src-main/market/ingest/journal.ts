/**
 * The bounded on-disk journal where ticks wait while PostgreSQL is away (down,
 * restarting, or slower than the feed): append-only segment files under
 * `${dataDir}/journal/`, read back in order and deleted once every record in
 * them is committed. Bounded by bytes: append() answers 'full' instead of
 * growing past the limit, and the caller counts and reports the drop.
 *
 * Every operation runs in one queue, so an append never races the deletion of
 * the segment it writes to. Records carry their batch id; a record read again
 * after a crash (the read position lives only in memory) is recognised by the
 * writer through ingest_batches and skipped, never written twice.
 *
 * No fsync per record: the journal protects against the database going away,
 * not the machine losing power; a torn tail is detected (CRC) and cut off.
 */
import { mkdir, open, readdir, stat, truncate, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../log';
import { RECORD_HEADER_BYTES, checkRecordCrc, decodeRecordHeader, encodeRecordHeader, type JournalRecord } from './journal-format';

export interface JournalOptions {
  dir: string;
  /** Upper bound on the bytes the journal's files may take. */
  maxBytes: number;
  /** A new segment file is started past this size, so drained data can be deleted early. */
  segmentBytes?: number;
  log: Logger;
}

export interface JournalCursor {
  seq: number;
  offset: number;
}

export interface JournalRead {
  records: JournalRecord[];
  /** Pass to advance() once the records are committed. */
  next: JournalCursor;
  /** Bytes skipped because they were torn or corrupt (lost; reported by the caller). */
  corruptBytes: number;
}

interface Segment {
  seq: number;
  path: string;
  size: number;
}

const SEGMENT_NAME = /^seg-(\d{12})\.tdj$/;
const segmentName = (seq: number) => `seg-${String(seq).padStart(12, '0')}.tdj`;

export class Journal {
  readonly #dir: string;
  readonly #maxBytes: number;
  readonly #segmentBytes: number;
  readonly #log: Logger;
  #segments: Segment[] = [];
  #read: JournalCursor = { seq: 0, offset: 0 };
  #writer: { seq: number; fh: FileHandle } | null = null;
  #reader: { seq: number; fh: FileHandle } | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #nextSeq = 1;
  /** Bytes cut off at open (a torn or damaged tail left by a crash): lost ticks, reported by the writer. */
  lostAtOpen = 0;

  private constructor(options: JournalOptions) {
    this.#dir = options.dir;
    this.#maxBytes = options.maxBytes;
    this.#segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    this.#log = options.log;
  }

  /** Opens (creating) the folder, finds what a previous run left, and cuts a torn tail off the newest segment. */
  static async open(options: JournalOptions): Promise<Journal> {
    const journal = new Journal(options);
    await journal.#load();
    return journal;
  }

  /** Bytes not yet handed out and committed: what still has to reach PostgreSQL. */
  get pendingBytes(): number {
    let total = 0;
    for (const segment of this.#segments) total += segment.size;
    const first = this.#segments[0];
    return first && first.seq === this.#read.seq ? total - this.#read.offset : total;
  }

  /** Bytes the journal's files take on disk (what the bound applies to). */
  get diskBytes(): number {
    let total = 0;
    for (const segment of this.#segments) total += segment.size;
    return total;
  }

  isEmpty(): boolean {
    return this.pendingBytes === 0;
  }

  /** Appends a record, or answers 'full' (nothing written) when it would pass the bound. */
  append(record: JournalRecord): Promise<'ok' | 'full'> {
    return this.#serial(async () => {
      const size = RECORD_HEADER_BYTES + record.payload.byteLength;
      if (this.diskBytes + size > this.#maxBytes) return 'full';
      const fh = await this.#writable();
      const segment = this.#segments[this.#segments.length - 1] as Segment;
      await fh.writev([encodeRecordHeader(record), record.payload]);
      segment.size += size;
      return 'ok';
    });
  }

  /** Reads records from the read position (without moving it) until either limit is reached. */
  read(maxRows: number, maxBytes: number): Promise<JournalRead> {
    return this.#serial(async () => {
      const records: JournalRecord[] = [];
      let rows = 0;
      let bytes = 0;
      let corruptBytes = 0;
      const cursor = { ...this.#read };
      let index = this.#segments.findIndex((s) => s.seq === cursor.seq);
      if (index < 0 && this.#segments.length > 0) {
        index = 0;
        cursor.seq = (this.#segments[0] as Segment).seq;
        cursor.offset = 0;
      }
      while (index >= 0 && index < this.#segments.length && rows < maxRows && bytes < maxBytes) {
        const segment = this.#segments[index] as Segment;
        if (cursor.offset >= segment.size) {
          if (index + 1 >= this.#segments.length) break;
          index += 1;
          cursor.seq = (this.#segments[index] as Segment).seq;
          cursor.offset = 0;
          continue;
        }
        const outcome = await this.#readRecord(segment, cursor.offset);
        if (!outcome.ok) {
          const lost = segment.size - cursor.offset;
          corruptBytes += lost;
          this.#log.error('the tick journal has a damaged record; the rest of that segment is skipped', { segment: segment.path, offset: cursor.offset, lostBytes: lost, why: outcome.why });
          cursor.offset = segment.size;
          continue;
        }
        records.push(outcome.record);
        rows += outcome.record.rows;
        bytes += RECORD_HEADER_BYTES + outcome.record.payload.byteLength;
        cursor.offset += RECORD_HEADER_BYTES + outcome.record.payload.byteLength;
      }
      return { records, next: cursor, corruptBytes };
    });
  }

  /** Moves the read position (records before it are committed) and deletes segments left behind. */
  advance(next: JournalCursor): Promise<void> {
    return this.#serial(async () => {
      this.#read = { ...next };
      while (this.#segments.length > 0) {
        const first = this.#segments[0] as Segment;
        const consumed = first.seq < next.seq || (first.seq === next.seq && next.offset >= first.size);
        if (!consumed) break;
        await this.#remove(first);
      }
      if (this.#segments.length === 0) this.#read = { seq: this.#nextSeq, offset: 0 };
    });
  }

  close(): Promise<void> {
    return this.#serial(async () => {
      await this.#writer?.fh.close();
      this.#writer = null;
      await this.#reader?.fh.close();
      this.#reader = null;
    });
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #load(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const names = (await readdir(this.#dir)).filter((name) => SEGMENT_NAME.test(name)).sort();
    for (const name of names) {
      const seq = Number(SEGMENT_NAME.exec(name)?.[1]);
      const path = join(this.#dir, name);
      this.#segments.push({ seq, path, size: (await stat(path)).size });
    }
    const last = this.#segments[this.#segments.length - 1];
    if (last) {
      this.#nextSeq = last.seq + 1;
      const validEnd = await this.#validEnd(last);
      if (validEnd < last.size) {
        this.#log.warn('the tick journal ended in a torn record (the app stopped mid-write); it was cut off', { segment: last.path, lostBytes: last.size - validEnd });
        await truncate(last.path, validEnd);
        this.lostAtOpen += last.size - validEnd;
        last.size = validEnd;
      }
      this.#log.info('the tick journal holds ticks from an earlier run; they will be written once the database is ready', { segments: this.#segments.length, bytes: this.diskBytes });
    }
    this.#read = { seq: this.#segments[0]?.seq ?? this.#nextSeq, offset: 0 };
  }

  /** End of the last whole, CRC-correct record of a segment. */
  async #validEnd(segment: Segment): Promise<number> {
    let offset = 0;
    while (offset < segment.size) {
      const outcome = await this.#readRecord(segment, offset);
      if (!outcome.ok) break;
      offset += RECORD_HEADER_BYTES + outcome.record.payload.byteLength;
    }
    await this.#reader?.fh.close();
    this.#reader = null;
    return offset;
  }

  async #readRecord(segment: Segment, offset: number): Promise<{ ok: true; record: JournalRecord } | { ok: false; why: string }> {
    if (segment.size - offset < RECORD_HEADER_BYTES) return { ok: false, why: 'truncated header' };
    const fh = await this.#readable(segment);
    const header = new Uint8Array(RECORD_HEADER_BYTES);
    const got = await fh.read(header, 0, RECORD_HEADER_BYTES, offset);
    if (got.bytesRead < RECORD_HEADER_BYTES) return { ok: false, why: 'truncated header' };
    const decoded = decodeRecordHeader(header);
    if (!decoded.ok) return decoded;
    if (offset + RECORD_HEADER_BYTES + decoded.payloadBytes > segment.size) return { ok: false, why: 'truncated payload' };
    const payload = new Uint8Array(decoded.payloadBytes);
    const body = await fh.read(payload, 0, decoded.payloadBytes, offset + RECORD_HEADER_BYTES);
    if (body.bytesRead < decoded.payloadBytes) return { ok: false, why: 'truncated payload' };
    if (!checkRecordCrc(header, payload)) return { ok: false, why: 'checksum mismatch' };
    return { ok: true, record: { batchId: decoded.batchId, rows: decoded.rows, receivedAt: decoded.receivedAt, payload } };
  }

  async #readable(segment: Segment): Promise<FileHandle> {
    if (this.#reader?.seq === segment.seq) return this.#reader.fh;
    await this.#reader?.fh.close();
    this.#reader = { seq: segment.seq, fh: await open(segment.path, 'r') };
    return this.#reader.fh;
  }

  async #writable(): Promise<FileHandle> {
    const last = this.#segments[this.#segments.length - 1];
    if (this.#writer && last && this.#writer.seq === last.seq && last.size < this.#segmentBytes) return this.#writer.fh;
    await this.#writer?.fh.close();
    this.#writer = null;
    if (!last || last.size >= this.#segmentBytes) {
      const seq = this.#nextSeq;
      this.#nextSeq += 1;
      const path = join(this.#dir, segmentName(seq));
      this.#segments.push({ seq, path, size: 0 });
      if (this.#segments.length === 1) this.#read = { seq, offset: 0 };
      this.#writer = { seq, fh: await open(path, 'a') };
    } else {
      this.#writer = { seq: last.seq, fh: await open(last.path, 'a') };
    }
    return this.#writer.fh;
  }

  async #remove(segment: Segment): Promise<void> {
    if (this.#reader?.seq === segment.seq) {
      await this.#reader.fh.close();
      this.#reader = null;
    }
    if (this.#writer?.seq === segment.seq) {
      await this.#writer.fh.close();
      this.#writer = null;
    }
    await unlink(segment.path).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
    this.#segments.shift();
  }
}
