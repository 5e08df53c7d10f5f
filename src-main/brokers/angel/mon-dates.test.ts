import { describe, expect, it } from 'vitest';
import { istTimeOnDay, parseCompactMonDate, parseDashedMonDate, parseDashedMonDateTimeIst } from './mon-dates';

describe('month-name dates', () => {
  it('reads the brokers\' forms, IST for wall-clock times', () => {
    expect(parseCompactMonDate('25FEB2021')).toBe('2021-02-25');
    expect(parseCompactMonDate('05may2022')).toBe('2022-05-05');
    expect(parseDashedMonDate('27-Feb-2025')).toBe('2025-02-27');
    expect(parseDashedMonDate('1-Aug-2024')).toBe('2024-08-01');
    expect(parseDashedMonDateTimeIst('20-Oct-2020 13:10:59')).toBe(Date.UTC(2020, 9, 20, 7, 40, 59));
    expect(parseDashedMonDateTimeIst('05-Feb-2025 09:26')).toBe(Date.UTC(2025, 1, 5, 3, 56));
    expect(istTimeOnDay('2020-10-20', '13:27:53')).toBe(Date.UTC(2020, 9, 20, 7, 57, 53));
  });

  it('refuses dates that do not exist and other shapes', () => {
    expect(parseCompactMonDate('31FEB2021')).toBeNull();
    expect(parseCompactMonDate('25FEV2021')).toBeNull();
    expect(parseDashedMonDate('2025-02-27')).toBeNull();
    expect(parseDashedMonDateTimeIst('20-Oct-2020 25:10:59')).toBeNull();
    expect(istTimeOnDay('2020-10-20', '1:27')).toBeNull();
  });
});
