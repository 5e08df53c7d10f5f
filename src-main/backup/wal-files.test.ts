import { describe, expect, test } from 'vitest';
import { isHistoryFile, parseSegmentName, segmentNameOf, segmentsBetween, startSegmentFromLabel } from './wal-files';

const MB16 = 16 * 1024 * 1024;

describe('WAL segment names', () => {
  test('parse and print round-trip, with 256 segments per log at 16 MiB', () => {
    expect(parseSegmentName('0000000100000002000000FF', MB16)).toEqual({ timeline: 1, segNo: 2n * 256n + 255n });
    expect(segmentNameOf({ timeline: 1, segNo: 3n * 256n }, MB16)).toBe('000000010000000300000000');
    expect(parseSegmentName('000000010000000000000002.partial', MB16)).toBeNull();
    expect(parseSegmentName('00000002.history', MB16)).toBeNull();
  });

  test('segmentsBetween includes both ends and crosses a log boundary', () => {
    expect(segmentsBetween('0000000100000000000000FE', '000000010000000100000001', MB16)).toEqual([
      '0000000100000000000000FE',
      '0000000100000000000000FF',
      '000000010000000100000000',
      '000000010000000100000001',
    ]);
    expect(segmentsBetween('000000010000000000000005', '000000010000000000000005', MB16)).toEqual(['000000010000000000000005']);
  });

  test('a 1 GiB segment size has 4 segments per log', () => {
    expect(segmentsBetween('000000010000000000000003', '000000010000000100000000', 1024 * 1024 * 1024)).toEqual([
      '000000010000000000000003',
      '000000010000000100000000',
    ]);
  });

  test('refuses a stop before the start and a timeline change', () => {
    expect(() => segmentsBetween('000000010000000000000005', '000000010000000000000004', MB16)).toThrow(/ends .* before it starts/);
    expect(() => segmentsBetween('000000010000000000000005', '000000020000000000000006', MB16)).toThrow(/changed timeline/);
  });

  test('reads the start file from a backup label', () => {
    const label = 'START WAL LOCATION: 0/9000028 (file 000000010000000000000009)\nCHECKPOINT LOCATION: 0/9000080\nBACKUP METHOD: streamed\n';
    expect(startSegmentFromLabel(label)).toBe('000000010000000000000009');
    expect(() => startSegmentFromLabel('nothing here')).toThrow(/names no start WAL file/);
    expect(isHistoryFile('00000002.history')).toBe(true);
    expect(isHistoryFile('00000002.history.tmp')).toBe(false);
  });
});
