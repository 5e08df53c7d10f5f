/**
 * A broker feed's own counters folded into the health line's four broker-neutral totals
 * (src-shared/market/wire-problems.ts). Each feed maps its counter kinds with exhaustive
 * records (a new kind does not compile until it is placed); null keeps a kind off the
 * line (it happens on a healthy feed and stays in the feed's counters for diagnosis).
 */
import type { FeedWireProblems } from '../../../src-shared/market/wire-problems';

export type WireCategory = keyof FeedWireProblems;

/** A mapping of counter kinds to categories, and the counts by kind. */
export type WireCounts<K extends string> = readonly [Readonly<Record<K, WireCategory | null>>, Readonly<Record<K, number>>];

/** `base` plus every mapped count. */
export function foldWireProblems(base: FeedWireProblems, ...tables: ReadonlyArray<WireCounts<string>>): FeedWireProblems {
  const totals = { ...base };
  for (const [categories, counts] of tables) {
    for (const [kind, category] of Object.entries(categories)) if (category !== null) totals[category] += counts[kind] ?? 0;
  }
  return totals;
}
