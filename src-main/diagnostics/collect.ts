import { arch, platform, release, version as osVersion } from 'node:os';
import type { AppInfo } from '../../src-shared/domain/app-info';
import type { DbStatus } from '../../src-shared/domain/db-status';
import type { Diagnostics } from '../../src-shared/domain/diagnostics';
import type { LogFile } from '../log-file';
import { scrubLogLine, scrubText } from './scrub';

export interface DiagnosticsSources {
  app: { version: string; mode: AppInfo['mode'] };
  dataDir: string;
  /** null where no log file is written (the CLI). */
  logFile: LogFile | null;
  dbStatus(): DbStatus;
  /** How many of the newest log lines to include (default 200). */
  lines?: number;
  now?: () => Date;
}

function osInfo(): Diagnostics['os'] {
  return { platform: platform(), release: release(), arch: arch(), version: osVersion() };
}

/** Collects the report; every log line and the finished text pass through the scrubber. */
export async function collectDiagnostics(sources: DiagnosticsSources): Promise<Diagnostics> {
  const logLines = sources.logFile ? (await sources.logFile.tail(sources.lines ?? 200)).map(scrubLogLine) : [];
  const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  const database = sources.dbStatus();
  const report = {
    generatedAt: (sources.now?.() ?? new Date()).toISOString(),
    app: { name: 'Tickdesk' as const, version: sources.app.version, mode: sources.app.mode },
    runtime: { node: process.version, electron: versions.electron ?? null, chrome: versions.chrome ?? null },
    os: osInfo(),
    dataDir: sources.dataDir,
    logFile: sources.logFile?.path ?? null,
    database,
    logLines,
  };
  return { ...report, text: scrubText(renderText(report)) };
}

function renderText(report: Omit<Diagnostics, 'text'>): string {
  const { app, runtime, os, database } = report;
  const lines = [
    `Tickdesk diagnostics, ${report.generatedAt}`,
    `app: ${app.name} ${app.version} (${app.mode === 'electron' ? 'desktop app' : 'browser mode'})`,
    `runtime: Node ${runtime.node}${runtime.electron ? `, Electron ${runtime.electron}` : ''}${runtime.chrome ? `, Chromium ${runtime.chrome}` : ''}`,
    `os: ${os.platform} ${os.release} (${os.arch}), ${os.version}`,
    `PostgreSQL: ${database.version ?? 'not running'}`,
    `data folder: ${report.dataDir}`,
    `log file: ${report.logFile ?? 'none'}`,
    `database: ${database.state}${database.reason ? ` — ${database.reason}` : ''}; schema ${database.schemaVersion ?? '—'}; restarts ${database.restarts}; size ${database.sizeBytes ?? '—'} bytes`,
    '',
    `last ${report.logLines.length} log lines:`,
    ...report.logLines,
  ];
  return `${lines.join('\n')}\n`;
}
