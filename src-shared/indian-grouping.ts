/**
 * Digit grouping as India writes numbers: the last three digits, then pairs
 * (12,34,567 — lakh and crore), never the Western triples. Shared because the
 * core's messages and the renderer's screens must group alike.
 */

/** "1234567" → "12,34,567". Takes the digits only: signs and decimals are the caller's. */
export function groupIndian(digits: string): string {
  if (digits.length <= 3) return digits;
  const last3 = digits.slice(-3);
  const rest = digits.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return `${rest},${last3}`;
}
