/**
 * The client's requests to Kotak's HSM socket (layout and assumptions: hsm-protocol.ts).
 * Pure functions from values to the exact bytes sent; the feed never builds bytes itself.
 *
 * The encoders throw RangeError on a request the protocol cannot carry (over 100 scrips,
 * a channel outside 1..255, a scrip longer than 255 bytes): that is a bug in our caller,
 * never something the network sent, so failing loudly in tests is the point.
 */
import { ByteWriter, encodeFields, latin1 } from './hsm-bytes';
import { CONNECT_SOURCE, HSM_TYPE, MAX_SCRIPS_PER_REQUEST, TOPIC_PREFIX, type TopicKind } from './hsm-protocol';

/** One scrip as Kotak names it: exchange segment (nse_cm, …) and its token (pSymbol). */
export interface HsmScrip {
  segment: string;
  token: string;
}

export function encodeConnect(token: string, sid: string): Uint8Array {
  return encodeFields(HSM_TYPE.CONNECTION, [
    [1, latin1(token)],
    [2, latin1(sid)],
    [3, latin1(CONNECT_SOURCE)],
  ]);
}

/** Subscribe ('mws' / 'ifs' / 'dps' in the SDK's JSON) to ≤ 100 scrips of one kind on one channel. */
export function encodeSubscribe(kind: TopicKind, scrips: readonly HsmScrip[], channel: number): Uint8Array {
  return subscription(HSM_TYPE.SUBSCRIBE, kind, scrips, channel);
}

/** Unsubscribe ('mwu' / 'ifu' / 'dpu'); the channel is the one the scrips were subscribed on. */
export function encodeUnsubscribe(kind: TopicKind, scrips: readonly HsmScrip[], channel: number): Uint8Array {
  return subscription(HSM_TYPE.UNSUBSCRIBE, kind, scrips, channel);
}

/** Acknowledges data frames up to `messageNumber` (sent every N-th frame, N from the connection response). */
export function encodeAck(messageNumber: number): Uint8Array {
  return encodeFields(HSM_TYPE.ACK, [[1, new ByteWriter().u32(messageNumber >>> 0).finish()]]);
}

/** The SDK's JSON keepalive (assumption 9: not sent by default). */
export function encodeJsonHeartbeat(): string {
  return JSON.stringify({ type: 'hb' });
}

/** "sf|nse_cm|11536": the topic name a scrip is subscribed under and SNAPs arrive with. */
export function topicName(kind: TopicKind, scrip: HsmScrip): string {
  return `${TOPIC_PREFIX[kind]}|${scrip.segment}|${scrip.token}`;
}

function subscription(type: number, kind: TopicKind, scrips: readonly HsmScrip[], channel: number): Uint8Array {
  if (scrips.length === 0 || scrips.length > MAX_SCRIPS_PER_REQUEST) {
    throw new RangeError(`an HSM request carries 1 to ${MAX_SCRIPS_PER_REQUEST} scrips, not ${scrips.length}`);
  }
  if (!Number.isInteger(channel) || channel < 1 || channel > 255) throw new RangeError(`bad HSM channel ${channel}`);
  const list = new ByteWriter().u16(scrips.length);
  for (const scrip of scrips) {
    const name = latin1(topicName(kind, scrip));
    if (name.length > 255) throw new RangeError(`HSM scrip name longer than 255 bytes: ${topicName(kind, scrip).slice(0, 40)}…`);
    list.u8(name.length).bytes(name);
  }
  return encodeFields(type, [
    [1, list.finish()],
    [2, Uint8Array.of(channel)],
  ]);
}
