import { describe, expect, test } from 'vitest';
import { PendingRows } from './pending-rows';
import { UnsureCommits, parseLsn } from './unsure-commits';

const batch = (rows: number) => {
  const pending = new PendingRows();
  pending.push({ bytes: new Uint8Array(rows), rows, receivedAt: 0 }, 0);
  const taken = pending.take(1_000_000);
  if (!taken) throw new Error('no batch');
  return taken;
};

describe('unsure commits', () => {
  test('WAL positions compare as numbers, not text', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(() => parseLsn('nonsense')).toThrow(/not a WAL position/);
  });

  test('batches are let go once the flushed position passes their commit; the rest can be handed to the journal', () => {
    const unsure = new UnsureCommits();
    const [a, b, c] = [batch(10), batch(20), batch(30)];
    unsure.add(a, 100n);
    unsure.add(b, 200n);
    unsure.add(c, 300n);
    expect(unsure.rows).toBe(60);
    unsure.release(200n);
    expect(unsure.size).toBe(1);
    expect(unsure.rows).toBe(30);
    expect(unsure.takeAll()).toEqual([c]);
    expect(unsure.size).toBe(0);
    unsure.add(a, 5n);
    unsure.releaseAll();
    expect(unsure.rows).toBe(0);
  });
});
