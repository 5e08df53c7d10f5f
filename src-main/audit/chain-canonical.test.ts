import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { canonicalEventBytes, chainHash, GENESIS_HASH, isoMicros, type CanonicalEvent } from './chain-canonical';

const event: CanonicalEvent = {
  eventId: '42', orderId: '3f0c8a9e-0000-4000-8000-000000000001', clientOrderId: 'c-1', parentOrderId: null, brokerOrderId: null,
  seq: '1', eventType: 'INTENT', statusAfter: 'PENDING_LOCAL', payloadText: '{"a": "₹"}', strategyId: 'manual', algoId: null, broker: 'paper',
  createdAtMicros: '1772424000123456',
};

describe('ledger chain canonical form', () => {
  test('length-prefixed UTF-8 fields, NULL as ~, microsecond UTC ISO time', () => {
    expect(canonicalEventBytes(event).toString('utf8')).toBe(
      'tickdesk.order_events.v1' + '2:42' + '36:3f0c8a9e-0000-4000-8000-000000000001' + '3:c-1' + '~' + '~' + '1:1' + '6:INTENT' +
        '13:PENDING_LOCAL' + '12:{"a": "₹"}' + '6:manual' + '~' + '5:paper' + '27:2026-03-02T04:00:00.123456Z',
    );
  });

  test('a value cannot slide into its neighbour (the length prefixes keep them apart)', () => {
    const shifted = { ...event, clientOrderId: 'c-16:INTENT', eventType: '' };
    expect(canonicalEventBytes(shifted).equals(canonicalEventBytes(event))).toBe(false);
  });

  test('hash = sha256(prev || canonical)', () => {
    const expected = createHash('sha256').update(Buffer.concat([GENESIS_HASH, canonicalEventBytes(event)])).digest();
    expect(chainHash(GENESIS_HASH, event).equals(expected)).toBe(true);
  });

  test('isoMicros keeps every microsecond, before 1970 too', () => {
    expect(isoMicros('0')).toBe('1970-01-01T00:00:00.000000Z');
    expect(isoMicros('1')).toBe('1970-01-01T00:00:00.000001Z');
    expect(isoMicros('-1')).toBe('1969-12-31T23:59:59.999999Z');
    expect(isoMicros(1772424000999999n)).toBe('2026-03-02T04:00:00.999999Z');
  });
});
