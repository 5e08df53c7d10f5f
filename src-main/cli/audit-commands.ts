import { resolve } from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import pg from 'pg';
import { ContractError } from '../../src-shared/contract';
import { exportFiltersSchema, type ChainVerification } from '../../src-shared/contract/domains/audit';
import { exportLedgerCsv } from '../audit/csv/export-ledger';
import { verifyLedgerChain } from '../audit/verify-chain';
import { createAppDatabase } from '../core';
import { connectionUrlFor, inspectDataDir } from '../db/inspect';
import { exactTypes } from '../db/pool';
import { createLogger } from '../log';
import { UsageError } from './args';
import type { CliIo } from './serve';

/**
 * `tickdesk audit verify` and `tickdesk export audit`. Both work whether or
 * not Tickdesk is running: against a running one they connect to its server
 * (the data folder is locked to it); otherwise they start the database
 * themselves for the duration of the command. Their usage lines are in args.ts' USAGE.
 */

export type AuditCommand =
  | { readonly kind: 'audit-verify'; readonly dataDir: string | undefined; readonly json: boolean }
  | {
      readonly kind: 'export-audit';
      readonly dataDir: string | undefined;
      readonly from: string;
      readonly to: string;
      readonly symbol: string | undefined;
      readonly out: string;
      readonly bom: boolean;
      readonly json: boolean;
    };

type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

function parse(args: string[], options: ParseArgsOptionsConfig, command: string): { values: Values } {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: false, strict: true });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message}`);
  }
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** null when argv is not an audit command; throws UsageError on a malformed one. */
export function parseAuditCommand(argv: readonly string[]): AuditCommand | { readonly kind: 'help' } | null {
  const [first, sub, ...rest] = argv;
  if (first === 'audit') {
    if (sub !== 'verify') throw new UsageError(`audit: unknown subcommand '${sub ?? ''}' (try 'audit verify')`);
    const { values } = parse(rest, { 'data-dir': { type: 'string' }, json: { type: 'boolean' } }, 'audit verify');
    if (values.help) return { kind: 'help' };
    return { kind: 'audit-verify', dataDir: str(values['data-dir']), json: values.json === true };
  }
  if (first === 'export') {
    if (sub !== 'audit') throw new UsageError(`export: unknown subcommand '${sub ?? ''}' (try 'export audit')`);
    const { values } = parse(
      rest,
      {
        from: { type: 'string' }, to: { type: 'string' }, symbol: { type: 'string' }, out: { type: 'string', short: 'o' },
        bom: { type: 'boolean' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' },
      },
      'export audit',
    );
    if (values.help) return { kind: 'help' };
    for (const required of ['from', 'to', 'out'] as const) {
      if (str(values[required]) === undefined) throw new UsageError(`export audit: --${required} is required`);
    }
    const filters = exportFiltersSchema.safeParse({ from: values.from, to: values.to, ...(values.symbol === undefined ? {} : { symbol: values.symbol }) });
    if (!filters.success) {
      const issue = filters.error.issues[0];
      throw new UsageError(`export audit: --${String(issue?.path[0] ?? 'from')}: ${issue?.message ?? 'invalid'}`);
    }
    return {
      kind: 'export-audit', dataDir: str(values['data-dir']), from: filters.data.from, to: filters.data.to, symbol: filters.data.symbol,
      out: resolve(str(values.out) as string), bom: values.bom === true, json: values.json === true,
    };
  }
  return null;
}

/** A pool on the running Tickdesk's server, or on one started here for the command. */
async function withDatabase<T>(dataDir: string, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const url = await connectionUrlFor(dataDir).catch(() => null);
  if (url !== null) {
    const pool = new pg.Pool({ connectionString: url, types: exactTypes, max: 2, application_name: 'tickdesk-cli' });
    pool.on('error', () => undefined);
    try {
      return await work(pool);
    } finally {
      await pool.end();
    }
  }
  const report = await inspectDataDir(dataDir);
  if (!report.initialised) throw new ContractError('NOT_FOUND', `There is no Tickdesk database in ${dataDir}.`);
  const service = createAppDatabase(dataDir, null, createLogger({ level: 'error', fields: { app: 'tickdesk', part: 'db' } }));
  await service.start();
  try {
    return await work(service.pool());
  } finally {
    await service.stop();
  }
}

export function formatVerification(v: ChainVerification): string {
  if (v.ok) {
    return v.checked === 0
      ? 'Ledger chain OK: the ledger is empty.'
      : `Ledger chain OK: ${v.checked} events verified, head event ${v.headEventId} (${v.elapsedMs} ms)\nHead hash ${v.headHash}`;
  }
  const b = v.firstBroken;
  if (!b) return `Ledger chain check stopped after ${v.checked} events.`;
  const what = b.link === 'hash' ? "its content does not match its hash (the event was altered)" : "its prev_hash is not the previous event's hash (an event before it was removed, reordered or altered)";
  return `Ledger chain BROKEN at event ${b.eventId}: ${what}.\n  expected ${b.expected}\n  found    ${b.found ?? 'NULL'}\n${v.checked} events before it verified.`;
}

const size = (bytes: number) => (bytes < 1_048_576 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1_048_576).toFixed(1)} MB`);

export async function runAuditCommand(command: AuditCommand, dataDir: string, io: CliIo): Promise<void> {
  let code = 0;
  try {
    if (command.kind === 'audit-verify') {
      const verdict = await withDatabase(dataDir, (pool) => verifyLedgerChain(pool));
      io.out(command.json ? JSON.stringify(verdict) : formatVerification(verdict));
      if (!verdict.ok) code = 1;
    } else {
      const result = await runExport(command, dataDir);
      io.out(command.json ? JSON.stringify(result) : `Wrote ${result.rows} rows to ${result.path} (${size(result.bytes)}, ${(result.elapsedMs / 1000).toFixed(1)} s)\nSHA-256 ${result.sha256}`);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    io.err(`Tickdesk: ${message}`);
    code = error instanceof ContractError && error.code === 'VALIDATION' ? 2 : 1;
  }
  if (code !== 0) io.exit(code);
}

/** Ctrl-C cancels cleanly (no partial file); progress goes to stderr only on a terminal. */
async function runExport(command: Extract<AuditCommand, { kind: 'export-audit' }>, dataDir: string) {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const tty = process.stderr.isTTY === true;
  let total = 0;
  let lastShown = 0;
  try {
    return await withDatabase(dataDir, (pool) =>
      exportLedgerCsv(pool, {
        filters: { from: command.from, to: command.to, ...(command.symbol === undefined ? {} : { symbol: command.symbol }) },
        outPath: command.out,
        bom: command.bom,
        signal: controller.signal,
        onTotal: (n) => (total = n),
        onProgress: (rows) => {
          const now = Date.now();
          if (!tty || now - lastShown < 200) return;
          lastShown = now;
          process.stderr.write(`\rExporting ${rows} / ${total} rows…`);
        },
      }),
    );
  } finally {
    if (tty) process.stderr.write('\r\x1b[K');
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
