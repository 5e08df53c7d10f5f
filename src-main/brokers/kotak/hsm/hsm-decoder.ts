/**
 * Decoder for the binary frames Kotak's HSM socket sends (layout and assumptions:
 * hsm-protocol.ts). Pure: what a frame means for the topic table is hsm-topics.ts.
 *
 * It never throws and always terminates: every read is bounds-checked (ByteReader), every
 * loop is bounded by a count read from the finite frame and consumes bytes on each turn.
 * A problem is an entry in `errors` with its byte offset. Entries decoded before a
 * problem are kept: a frame cut short still delivers the topics it completed. Where the
 * length of what follows cannot be known (an entry of unknown kind, a frame ending inside
 * an entry) decoding stops, because nothing after that point can be located.
 */
import { ByteReader } from './hsm-bytes';
import { ENTRY_SNAP, ENTRY_UPDATE, HSM_TYPE, STATUS_NOT_OK, STATUS_OK, TRASH_VALUE } from './hsm-protocol';

export type HsmDecodeErrorKind =
  /** Fewer than 3 bytes: no room for the header and a type. */
  | 'empty-frame'
  /** The frame ended inside a structure. */
  | 'truncated'
  /** A response type we do not handle (throttling, option chain, anything unknown). */
  | 'unknown-type'
  /** A connection or status response without any field. */
  | 'no-status'
  /** A status that is neither "K" nor "N". */
  | 'unknown-status'
  /** A field whose length cannot hold its value (an ack interval of more than 6 bytes). */
  | 'bad-field'
  /** A data entry that is neither SNAP ('S') nor UPDATE ('U'): decoding stops there. */
  | 'unknown-entry'
  /** A data frame that ended cleanly before its declared number of topics. */
  | 'count-mismatch'
  /** Bytes left over after a complete message. */
  | 'trailing-bytes';

export interface HsmDecodeError {
  kind: HsmDecodeErrorKind;
  offset: number;
}

/** One value per field index from 0; null where the server sent TRASH ("no value / unchanged"). */
export type HsmValues = (number | null)[];

export type HsmEntry =
  | { kind: 'snap'; topicId: number; name: string; values: HsmValues; strings: { id: number; value: string }[] }
  | { kind: 'update'; topicId: number; values: HsmValues };

export type HsmStatusOf = 'subscribe' | 'unsubscribe' | 'channel-pause' | 'channel-resume' | 'snapshot';

export type HsmMessage =
  | { type: 'connection'; ok: boolean; status: string; ackEvery: number }
  | { type: 'status'; of: HsmStatusOf; ok: boolean; status: string }
  | { type: 'data'; messageNumber: number | null; declaredCount: number; entries: HsmEntry[] };

export interface HsmDecodeResult {
  /** Null when the frame was not understood at all. */
  message: HsmMessage | null;
  errors: HsmDecodeError[];
}

export interface HsmDecodeContext {
  /** The connection response asked for acks: every data frame starts with a message number. */
  acks: boolean;
}

const STATUS_TYPES: ReadonlyMap<number, HsmStatusOf> = new Map([
  [HSM_TYPE.SUBSCRIBE, 'subscribe'],
  [HSM_TYPE.UNSUBSCRIBE, 'unsubscribe'],
  [HSM_TYPE.CHANNEL_PAUSE, 'channel-pause'],
  [HSM_TYPE.CHANNEL_RESUME, 'channel-resume'],
  [HSM_TYPE.SNAPSHOT, 'snapshot'],
]);

export function decodeServerFrame(frame: Uint8Array, context: HsmDecodeContext): HsmDecodeResult {
  const errors: HsmDecodeError[] = [];
  if (frame.length < 3) return { message: null, errors: [{ kind: 'empty-frame', offset: 0 }] };
  const r = new ByteReader(frame, 2);
  const type = r.u8() as number;
  let message: HsmMessage | null = null;
  if (type === HSM_TYPE.CONNECTION) message = connection(r, errors);
  else if (type === HSM_TYPE.DATA) message = data(r, errors, context);
  else {
    const of = STATUS_TYPES.get(type);
    if (of === undefined) return { message: null, errors: [{ kind: 'unknown-type', offset: 2 }] };
    const head = statusFields(r, errors);
    if (head !== null) message = { type: 'status', of, ok: head.status === STATUS_OK, status: head.status };
  }
  if (message !== null && errors.length === 0 && r.remaining > 0) errors.push({ kind: 'trailing-bytes', offset: r.offset });
  return { message, errors };
}

/** The field count, then the first field's value as text (assumption 6); null with the error recorded. */
function statusFields(r: ByteReader, errors: HsmDecodeError[]): { count: number; status: string } | null {
  const at = r.offset;
  const count = r.u8();
  if (count === null) return fail(errors, 'truncated', at);
  if (count === 0) return fail(errors, 'no-status', at);
  if (r.u8() === null) return fail(errors, 'truncated', at);
  const length = r.u16();
  const status = length === null ? null : r.text(length);
  if (status === null) return fail(errors, 'truncated', at);
  if (status !== STATUS_OK && status !== STATUS_NOT_OK) errors.push({ kind: 'unknown-status', offset: at });
  return { count, status };
}

function connection(r: ByteReader, errors: HsmDecodeError[]): HsmMessage | null {
  const head = statusFields(r, errors);
  if (head === null) return null;
  let ackEvery = 0;
  // The second field, when sent, is the ack interval (fields beyond it are not defined).
  if (head.count >= 2) {
    const at = r.offset;
    const id = r.u8();
    const length = id === null ? null : r.u16();
    if (length === null) return fail(errors, 'truncated', at);
    const value = r.uint(length);
    if (value === null) return fail(errors, length > 6 ? 'bad-field' : 'truncated', at);
    ackEvery = value;
    for (let i = 2; i < head.count; i++) {
      const extraAt = r.offset;
      const extraLength = r.u8() === null ? null : r.u16();
      if (extraLength === null || r.bytes(extraLength) === null) return fail(errors, 'truncated', extraAt);
    }
  }
  return { type: 'connection', ok: head.status === STATUS_OK, status: head.status, ackEvery };
}

function data(r: ByteReader, errors: HsmDecodeError[], context: HsmDecodeContext): HsmMessage | null {
  let messageNumber: number | null = null;
  if (context.acks) {
    messageNumber = r.u32();
    if (messageNumber === null) return fail(errors, 'truncated', r.offset);
  }
  const count = r.u16();
  if (count === null) return fail(errors, 'truncated', r.offset);
  const message: HsmMessage = { type: 'data', messageNumber, declaredCount: count, entries: [] };
  for (let i = 0; i < count; i++) {
    const at = r.offset;
    if (r.remaining === 0) {
      errors.push({ kind: 'count-mismatch', offset: at });
      return message;
    }
    const entry = dataEntry(r);
    if (typeof entry === 'string') {
      errors.push({ kind: entry, offset: at });
      return message;
    }
    message.entries.push(entry);
  }
  return message;
}

function dataEntry(r: ByteReader): HsmEntry | 'truncated' | 'unknown-entry' {
  if (r.u16() === null) return 'truncated';
  const kind = r.u8();
  if (kind === null) return 'truncated';
  if (kind !== ENTRY_SNAP && kind !== ENTRY_UPDATE) return 'unknown-entry';
  const topicId = r.u32();
  if (topicId === null) return 'truncated';
  if (kind === ENTRY_UPDATE) {
    const values = readValues(r);
    return values === null ? 'truncated' : { kind: 'update', topicId, values };
  }
  const nameLength = r.u8();
  const name = nameLength === null ? null : r.text(nameLength);
  if (name === null) return 'truncated';
  const values = readValues(r);
  if (values === null) return 'truncated';
  const stringCount = r.u8();
  if (stringCount === null) return 'truncated';
  const strings: { id: number; value: string }[] = [];
  for (let i = 0; i < stringCount; i++) {
    const id = r.u8();
    const length = id === null ? null : r.u8();
    const value = length === null ? null : r.text(length);
    if (id === null || value === null) return 'truncated';
    strings.push({ id, value });
  }
  return { kind: 'snap', topicId, name, values, strings };
}

function readValues(r: ByteReader): HsmValues | null {
  const count = r.u8();
  if (count === null) return null;
  const values: HsmValues = new Array<number | null>(count);
  for (let i = 0; i < count; i++) {
    const value = r.u32();
    if (value === null) return null;
    values[i] = value === TRASH_VALUE ? null : value;
  }
  return values;
}

function fail(errors: HsmDecodeError[], kind: HsmDecodeErrorKind, offset: number): null {
  errors.push({ kind, offset });
  return null;
}

/** Running totals for the feed's health line; `tallyHsm` adds one frame's result. */
export interface HsmDecodeCounters {
  frames: number;
  dataFrames: number;
  entries: number;
  errors: Record<HsmDecodeErrorKind, number>;
}

export function createHsmDecodeCounters(): HsmDecodeCounters {
  return {
    frames: 0,
    dataFrames: 0,
    entries: 0,
    errors: {
      'empty-frame': 0,
      truncated: 0,
      'unknown-type': 0,
      'no-status': 0,
      'unknown-status': 0,
      'bad-field': 0,
      'unknown-entry': 0,
      'count-mismatch': 0,
      'trailing-bytes': 0,
    },
  };
}

export function tallyHsm(counters: HsmDecodeCounters, result: HsmDecodeResult): void {
  counters.frames += 1;
  if (result.message?.type === 'data') {
    counters.dataFrames += 1;
    counters.entries += result.message.entries.length;
  }
  for (const error of result.errors) counters.errors[error.kind] += 1;
}

/** One line naming what went wrong in a frame, for the log. */
export function describeHsmErrors(errors: readonly HsmDecodeError[]): string {
  return errors.map((e) => `${e.kind} at byte ${e.offset}`).join(', ');
}
