import { describe, expect, it } from 'vitest';
import { dropReasonsList, feedHealthSchema } from './feed-health';
import { feedWireProblemsSchema, noWireProblems, wireProblemsRise } from './wire-problems';

const wire = (badFrames: number, unknownInstruments = 0, badMessages = 0, refusedSubscriptions = 0) => ({ badFrames, unknownInstruments, badMessages, refusedSubscriptions });

describe('wire problems', () => {
  it('a rise is what each total added since the last line; nothing added is null', () => {
    expect(wireProblemsRise(null, wire(12, 3))).toEqual(wire(12, 3));
    expect(wireProblemsRise(wire(12, 3), wire(20, 3, 1))).toEqual(wire(8, 0, 1));
    expect(wireProblemsRise(wire(12, 3), wire(12, 3))).toBeNull();
    expect(wireProblemsRise(null, noWireProblems())).toBeNull();
    expect(wireProblemsRise(wire(5), null)).toBeNull();
    // Totals that fell (a new feed object counting from zero) are no rise.
    expect(wireProblemsRise(wire(50, 2), wire(3, 4))).toEqual(wire(0, 2));
  });

  it('refuses negative or fractional counts', () => {
    expect(feedWireProblemsSchema.safeParse(wire(-1)).success).toBe(false);
    expect(feedWireProblemsSchema.safeParse(wire(1.5)).success).toBe(false);
  });

  it('a health line without `wire` (from an older core) still parses, as null', () => {
    const line = {
      feed: 'kite', simulated: false, connected: true, sessionPhase: 'open', simulatingOutsideHours: false, ticksPerSec: 0,
      accepted: 0, written: 0, dropped: Object.fromEntries(dropReasonsList.map((reason) => [reason, 0])), lagMs: null, writer: 'writing', journalBytes: 0, lastError: null, at: 1,
    };
    expect(feedHealthSchema.parse(line).wire).toBeNull();
    expect(feedHealthSchema.parse({ ...line, wire: wire(2, 1) }).wire).toEqual(wire(2, 1));
    expect(feedHealthSchema.safeParse({ ...line, wire: { badFrames: 2 } }).success).toBe(false);
  });
});
