/**
 * What reading a broker's instrument master reports back: how many rows, how many
 * became instruments, and each skipped row with its line and reason. A bad row is
 * counted, never fatal; only a header without the columns we need stops the file.
 * Shared by the Kite and Kotak master parsers (the morning drill shows this summary).
 */

/**
 * 'bad-row': the row is broken (CSV quoting, field count, a value of the wrong shape).
 * 'unsupported': the row is well-formed but describes something the terminal does not
 * trade (an exchange outside our list, a currency contract whose tick is below a paisa).
 */
export type MasterProblemKind = 'bad-row' | 'unsupported';

export interface MasterProblem {
  line: number;
  kind: MasterProblemKind;
  reason: string;
}

export interface MasterSummary {
  /** Data rows read (header and blank lines excluded). */
  rows: number;
  instruments: number;
  badRows: number;
  unsupportedRows: number;
  /** The first problems in file order (at most MAX_LISTED_PROBLEMS); the counts above are complete. */
  problems: MasterProblem[];
  /** Set when the header lacks required columns; no row is read then. */
  headerError: string | null;
}

export const MAX_LISTED_PROBLEMS = 200;

export function emptySummary(): MasterSummary {
  return { rows: 0, instruments: 0, badRows: 0, unsupportedRows: 0, problems: [], headerError: null };
}

export function recordProblem(summary: MasterSummary, problem: MasterProblem): void {
  if (problem.kind === 'bad-row') summary.badRows += 1;
  else summary.unsupportedRows += 1;
  if (summary.problems.length < MAX_LISTED_PROBLEMS) summary.problems.push(problem);
}

/**
 * Column name → index, from a header record. `normalise` lets Kotak's header, whose
 * names carry stray spaces and a trailing ';', be looked up by the clean name.
 */
export function indexHeader(
  fields: readonly string[],
  required: readonly string[],
  normalise: (name: string) => string = (name) => name.trim(),
): { columns: Map<string, number>; missing: string[] } {
  const columns = new Map<string, number>();
  fields.forEach((name, i) => {
    const key = normalise(name);
    if (!columns.has(key)) columns.set(key, i);
  });
  return { columns, missing: required.filter((name) => !columns.has(name)) };
}

/** The record's fields as an object keyed by column name (absent columns are omitted). */
export function rowObject(fields: readonly string[], columns: ReadonlyMap<string, number>): Record<string, string> {
  const row: Record<string, string> = {};
  for (const [name, i] of columns) {
    const value = fields[i];
    if (value !== undefined) row[name] = value;
  }
  return row;
}

/** A zod error's issues in one line: "strike: Invalid input; lot_size: …". */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'row'}: ${issue.message}`)
    .join('; ');
}
