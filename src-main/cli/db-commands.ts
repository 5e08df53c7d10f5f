import { connectionUrlFor, inspectDataDir, type DataDirReport } from '../db/inspect';
import { processIo, type CliIo } from './serve';

function formatBytes(bytes: number | null): string {
  if (bytes === null) return '-';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** The short table `tickdesk db status` prints for people. */
export function formatStatus(report: DataDirReport): string {
  const rows: Array<[string, string]> = [
    ['Data folder', report.dataDir],
    ['Initialised', report.initialised ? 'yes' : 'no'],
    ['Running', report.running ? `yes (pid ${report.pid ?? '?'}, port ${report.port ?? '?'})` : 'no'],
    ['Version', report.version ?? '-'],
    ['Schema version', report.schemaVersion ?? '-'],
    ['Size', formatBytes(report.sizeBytes)],
  ];
  if (report.problem !== null) rows.push(['Problem', report.problem]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

export async function runDbStatus(options: { dataDir: string; json: boolean }, io: CliIo = processIo): Promise<void> {
  let report: DataDirReport;
  try {
    report = await inspectDataDir(options.dataDir);
  } catch (error) {
    io.err(`Tickdesk: could not inspect ${options.dataDir}: ${reasonOf(error)}`);
    return io.exit(1);
  }
  io.out(options.json ? JSON.stringify(report) : formatStatus(report));
}

export async function runDbUrl(options: { dataDir: string }, io: CliIo = processIo): Promise<void> {
  let url: string;
  try {
    url = await connectionUrlFor(options.dataDir);
  } catch (error) {
    io.err(`Tickdesk: ${reasonOf(error)}`);
    return io.exit(1);
  }
  io.out(url);
}
