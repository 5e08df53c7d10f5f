import { describe, expect, test } from 'vitest';
import { ContractError } from '../../src-shared/contract';
import { istDaysToUtcRange } from './ist-range';

describe('IST days to a half-open UTC range', () => {
  test('one day is [18:30 UTC the day before, 18:30 UTC that day)', () => {
    const r = istDaysToUtcRange('2026-03-02', '2026-03-02');
    expect(r.from?.toISOString()).toBe('2026-03-01T18:30:00.000Z');
    expect(r.to?.toISOString()).toBe('2026-03-02T18:30:00.000Z');
  });

  test('the last day is inclusive: the range ends at 00:00 IST the day after `to`', () => {
    const r = istDaysToUtcRange('2026-01-30', '2026-02-02');
    expect(r.from?.toISOString()).toBe('2026-01-29T18:30:00.000Z');
    expect(r.to?.toISOString()).toBe('2026-02-02T18:30:00.000Z');
  });

  test('month, year and leap-day boundaries', () => {
    expect(istDaysToUtcRange('2028-02-29', '2028-02-29').to?.toISOString()).toBe('2028-02-29T18:30:00.000Z');
    expect(istDaysToUtcRange('2026-01-01', undefined).from?.toISOString()).toBe('2025-12-31T18:30:00.000Z');
    expect(istDaysToUtcRange(undefined, '2025-12-31').to?.toISOString()).toBe('2025-12-31T18:30:00.000Z');
  });

  test('open ends stay open', () => {
    expect(istDaysToUtcRange(undefined, undefined)).toEqual({ from: null, to: null });
  });

  test('a reversed range, a malformed date and an impossible date are VALIDATION errors that say which', () => {
    const fails = (from: string | undefined, to: string | undefined) => {
      try {
        istDaysToUtcRange(from, to);
      } catch (error) {
        expect(error).toBeInstanceOf(ContractError);
        return error as ContractError;
      }
      throw new Error('expected a VALIDATION error');
    };
    expect(fails('2026-03-05', '2026-03-04')).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('reversed') });
    expect(fails('2026-3-5', undefined)).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('"from"') });
    expect(fails(undefined, '2026-02-30')).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('"to"') });
  });
});
