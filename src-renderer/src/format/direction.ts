/** Which way a number points, for the green / red / grey of changes and P&L. */
export type Direction = 'up' | 'down' | 'flat';

export function directionOf(value: number): Direction {
  return value > 0 ? 'up' : value < 0 ? 'down' : 'flat';
}
