/**
 * Exact structural equality (Object.is on every leaf) for indicator outputs,
 * cheap enough to run hundreds of thousands of times where vitest's expect
 * would dominate the suite's run time. Returns a description of the first
 * difference, or null.
 */
export function difference(actual: unknown, expected: unknown, path = ''): string | null {
  if (Object.is(actual, expected)) return null;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    return `${path || 'value'}: ${String(actual)} ≠ ${String(expected)}`;
  }
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  for (const key of keys) {
    const d = difference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    if (d) return d;
  }
  return null;
}
