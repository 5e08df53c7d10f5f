/** Lengths of time: uptimes, query ages, statement timings. */
import { dash } from './dash';
import { formatQuantity } from './quantity';

/** "3d 4h", "2h 05m", "4m 12s", "9s": two units are enough to read an uptime. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return dash;
  const s = Math.floor(seconds);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

/** How long ago (or how long running), from the server's own clock to avoid skew with this machine. */
export function formatSince(isoTime: string | null | undefined, serverNowIso: string): string {
  if (!isoTime) return dash;
  const ms = Date.parse(serverNowIso) - Date.parse(isoTime);
  return Number.isFinite(ms) ? formatDuration(Math.max(0, ms / 1000)) : dash;
}

/** Milliseconds, with precision where it matters: "0.42 ms", "12.3 ms", "1,234 ms". */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return dash;
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${formatQuantity(ms)} ms`;
}
