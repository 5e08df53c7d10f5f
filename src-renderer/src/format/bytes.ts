/** Sizes of files, databases and exports. */
import { dash } from './dash';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** "812 KB", "42.5 MB": binary multiples, one decimal below 100 of a unit. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return dash;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}
