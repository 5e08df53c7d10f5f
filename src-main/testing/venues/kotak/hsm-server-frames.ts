/**
 * Frames as Kotak's HSM server sends them (layout: hsm-protocol.ts), for the loopback
 * test server and the codec's tests. The decoder is tested against these, and these are
 * written from the documented layout, not from the decoder, so a misreading in one shows
 * up as a failing round trip rather than hiding in both.
 */
import { ByteWriter, encodeFields, latin1 } from '../../../brokers/kotak/hsm/hsm-bytes';
import type { HsmEntry, HsmStatusOf } from '../../../brokers/kotak/hsm/hsm-decoder';
import { ENTRY_SNAP, ENTRY_UPDATE, HSM_TYPE, STATUS_NOT_OK, STATUS_OK, TRASH_VALUE } from '../../../brokers/kotak/hsm/hsm-protocol';

/** ok → "K", else "N"; with `ackEvery` the second field asks for an ack every N data frames. */
export function encodeConnectionResponse(ok: boolean, ackEvery?: number): Uint8Array {
  const fields: Array<[number, Uint8Array]> = [[1, latin1(ok ? STATUS_OK : STATUS_NOT_OK)]];
  if (ackEvery !== undefined) fields.push([2, new ByteWriter().u32(ackEvery).finish()]);
  return encodeFields(HSM_TYPE.CONNECTION, fields);
}

const STATUS_TYPE: Record<HsmStatusOf, number> = {
  subscribe: HSM_TYPE.SUBSCRIBE,
  unsubscribe: HSM_TYPE.UNSUBSCRIBE,
  'channel-pause': HSM_TYPE.CHANNEL_PAUSE,
  'channel-resume': HSM_TYPE.CHANNEL_RESUME,
  snapshot: HSM_TYPE.SNAPSHOT,
};

export function encodeStatusResponse(of: HsmStatusOf, ok: boolean): Uint8Array {
  return encodeFields(STATUS_TYPE[of], [[1, latin1(ok ? STATUS_OK : STATUS_NOT_OK)]]);
}

/** A data frame; `messageNumber` only when the connection response asked for acks. Null values go out as TRASH. */
export function encodeDataFrame(entries: readonly HsmEntry[], messageNumber: number | null = null): Uint8Array {
  const w = new ByteWriter().u16(0).u8(HSM_TYPE.DATA);
  if (messageNumber !== null) w.u32(messageNumber);
  w.u16(entries.length);
  for (const entry of entries) {
    const start = w.length;
    // Assumption 3: the two bytes before the kind hold the entry's length; the decoder skips them.
    w.u16(0).u8(entry.kind === 'snap' ? ENTRY_SNAP : ENTRY_UPDATE).u32(entry.topicId);
    if (entry.kind === 'snap') {
      const name = latin1(entry.name);
      w.u8(name.length).bytes(name);
    }
    w.u8(entry.values.length);
    for (const value of entry.values) w.u32(value ?? TRASH_VALUE);
    if (entry.kind === 'snap') {
      w.u8(entry.strings.length);
      for (const s of entry.strings) {
        const value = latin1(s.value);
        w.u8(s.id).u8(value.length).bytes(value);
      }
    }
    w.patchU16(start, w.length - start - 2);
  }
  return w.patchU16(0, w.length - 2).finish();
}
