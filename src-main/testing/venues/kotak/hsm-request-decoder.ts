/**
 * Reads the client's requests (hsm-requests.ts) back: the loopback test server's side
 * of the protocol, and the round-trip tests of the encoders. Never throws: anything it
 * cannot read is `{ type: 'invalid', reason }`.
 */
import { ByteReader } from '../../../brokers/kotak/hsm/hsm-bytes';
import { HSM_TYPE, topicKindOf, type TopicKind } from '../../../brokers/kotak/hsm/hsm-protocol';
import type { HsmScrip } from '../../../brokers/kotak/hsm/hsm-requests';

export type HsmClientRequest =
  | { type: 'connect'; token: string; sid: string; source: string }
  | { type: 'subscribe' | 'unsubscribe'; kind: TopicKind; scrips: HsmScrip[]; channel: number }
  | { type: 'ack'; messageNumber: number }
  | { type: 'invalid'; reason: string };

export function decodeClientRequest(bytes: Uint8Array): HsmClientRequest {
  const r = new ByteReader(bytes);
  const length = r.u16();
  if (length === null || length !== bytes.length - 2) return invalid('length prefix does not match the frame');
  const type = r.u8();
  const count = r.u8();
  if (type === null || count === null) return invalid('no type or field count');
  const fields = new Map<number, Uint8Array>();
  for (let i = 0; i < count; i++) {
    const id = r.u8();
    const size = id === null ? null : r.u16();
    const value = size === null ? null : r.bytes(size);
    if (id === null || value === null) return invalid(`field ${i + 1} of ${count} is truncated`);
    fields.set(id, value);
  }
  if (r.remaining > 0) return invalid('bytes after the last field');
  const text = (id: number) => {
    const value = fields.get(id);
    return value === undefined ? null : new ByteReader(value).text(value.length);
  };
  if (type === HSM_TYPE.CONNECTION) {
    const token = text(1);
    const sid = text(2);
    if (token === null || sid === null) return invalid('connect without token or sid');
    return { type: 'connect', token, sid, source: text(3) ?? '' };
  }
  if (type === HSM_TYPE.ACK) {
    const value = fields.get(1);
    const messageNumber = value && value.length === 4 ? new ByteReader(value).u32() : null;
    return messageNumber === null ? invalid('ack without a 4-byte message number') : { type: 'ack', messageNumber };
  }
  if (type === HSM_TYPE.SUBSCRIBE || type === HSM_TYPE.UNSUBSCRIBE) {
    const list = fields.get(1);
    const channel = fields.get(2);
    if (!list || !channel || channel.length !== 1) return invalid('subscription without scrips or channel');
    const parsed = scrips(list);
    if (typeof parsed === 'string') return invalid(parsed);
    return { type: type === HSM_TYPE.SUBSCRIBE ? 'subscribe' : 'unsubscribe', kind: parsed.kind, scrips: parsed.scrips, channel: channel[0] ?? 0 };
  }
  return invalid(`request type ${type}`);
}

function scrips(list: Uint8Array): { kind: TopicKind; scrips: HsmScrip[] } | string {
  const r = new ByteReader(list);
  const count = r.u16();
  if (count === null || count === 0) return 'empty scrip list';
  const out: HsmScrip[] = [];
  let kind: TopicKind | null = null;
  for (let i = 0; i < count; i++) {
    const size = r.u8();
    const name = size === null ? null : r.text(size);
    if (name === null) return `scrip ${i + 1} of ${count} is truncated`;
    const [prefix = '', segment = '', token = '', ...rest] = name.split('|');
    const k = topicKindOf(prefix);
    if (k === null || segment === '' || token === '' || rest.length > 0) return `bad scrip name "${name}"`;
    if (kind !== null && k !== kind) return 'scrips of different kinds in one request';
    kind = k;
    out.push({ segment, token });
  }
  if (r.remaining > 0 || kind === null) return 'bytes after the scrip list';
  return { kind, scrips: out };
}

function invalid(reason: string): HsmClientRequest {
  return { type: 'invalid', reason };
}
