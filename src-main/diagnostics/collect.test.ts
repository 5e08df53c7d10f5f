import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { diagnosticsSchema } from '../../src-shared/domain/diagnostics';
import type { DbStatus } from '../../src-shared/domain/db-status';
import { createLogger } from '../log';
import { openLogFile } from '../log-file';
import { collectDiagnostics } from './collect';
import { scrubLogLine, scrubText } from './scrub';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const status: DbStatus = {
  state: 'ready',
  reason: null,
  version: '18.4',
  port: 54321,
  pid: 4242,
  dataDir: '/data/tickdesk',
  sizeBytes: 12_345_678,
  schemaVersion: '0013_paper_iceberg_legs',
  restarts: 1,
  readySince: '2026-12-07T03:45:00.000Z',
};

/** Secrets as they turn up in practice: fields, URLs, headers, JSON text, a foreign line. */
const SECRETS: [string, string, string, string, string, string, string, string] = ['kite-access-Tok3n', 'apisecret-Xyz789', 'Hunter2-pg-password', 'mpin-6543', 'enc-Tok-QQ1', 'sess-jwt-part', 'db-pw-in-url', 'totpseed-ABC'];

describe('diagnostics', () => {
  test('carry versions, folders, the database state and the newest 200 log lines, with no secret in them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tickdesk-diag-'));
    dirs.push(dir);
    const logFile = openLogFile({ dir: join(dir, 'logs'), flushMs: 10_000 });
    const log = createLogger({ level: 'debug', write: () => {}, sink: (line) => logFile.write(line) });
    for (let i = 0; i < 240; i++) log.info('tick batch written', { seq: i, token: 408065 });
    log.info('kite login', { accessToken: SECRETS[0], apiSecret: SECRETS[1] });
    log.warn('pool error', { error: `connect failed for postgresql://tickdesk:${SECRETS[6]}@127.0.0.1:54321/tickdesk` });
    log.error('kotak request failed', { error: `401 for https://api.example.invalid/orders?sid=${SECRETS[4]}&Authorization=Bearer%20x`, body: `{"mpin":"${SECRETS[3]}"}` });
    log.info('kite header', { detail: `Authorization: token myapikey:${SECRETS[0].replace(/-/g, '')}` });
    log.info('jwt seen', { detail: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.${SECRETS[5]}` });
    await logFile.flush();
    // A line another version wrote without the field redaction, and a torn one.
    await appendFile(logFile.path, `${JSON.stringify({ level: 'info', msg: 'old', password: SECRETS[2], nested: { totp: SECRETS[7] } })}\npassword=${SECRETS[2]}\n`);

    const report = await collectDiagnostics({ app: { version: '0.1.0', mode: 'browser' }, dataDir: dir, logFile, dbStatus: () => status, now: () => new Date('2026-12-07T04:00:00Z') });
    expect(diagnosticsSchema.parse(report)).toEqual(report);

    const everything = JSON.stringify(report);
    for (const secret of [...SECRETS, SECRETS[0].replace(/-/g, '')]) expect(everything, secret).not.toContain(secret);

    expect(report.logLines).toHaveLength(200);
    // The newest lines, the foreign ones last, and context kept around the masks.
    expect(report.logLines.at(-1)).toBe('password=[redacted]');
    expect(report.logLines.at(-2)).toContain('"msg":"old"');
    expect(report.text).toContain('postgresql://tickdesk:[redacted]@127.0.0.1:54321/tickdesk');
    expect(report.text).toContain('"seq":239');
    expect(report.text).not.toContain('"seq":10,');
    // Instrument tokens are numbers, not secrets.
    expect(report.text).toContain('"token":408065');

    expect(report.text).toContain('Tickdesk 0.1.0 (browser mode)');
    expect(report.text).toContain(`Node ${process.version}`);
    expect(report.text).toContain('PostgreSQL: 18.4');
    expect(report.text).toContain(`data folder: ${dir}`);
    expect(report.text).toContain(`log file: ${logFile.path}`);
    expect(report.text).toContain('database: ready; schema 0013_paper_iceberg_legs; restarts 1');
    expect(report.runtime.electron).toBeNull();
  });

  test('without a log file the report says so and has no lines', async () => {
    const report = await collectDiagnostics({ app: { version: '0.1.0', mode: 'electron' }, dataDir: '/d', logFile: null, dbStatus: () => ({ ...status, state: 'failed', reason: 'port in use' }) });
    expect(report.logLines).toEqual([]);
    expect(report.text).toContain('log file: none');
    expect(report.text).toContain('database: failed — port in use');
  });
});

describe('scrubText', () => {
  test('masks named secrets in free text and leaves ordinary words alone', () => {
    expect(scrubText('login failed: password=abc123 user=trader1')).toBe('login failed: password=[redacted] user=trader1');
    expect(scrubText('{"apiKey": "k-1", "symbol": "RELIANCE"}')).toBe('{"apiKey": "[redacted]", "symbol": "RELIANCE"}');
    expect(scrubText('GET /ws?access_token=zz9&mode=full')).toBe('GET /ws?access_token=[redacted]&mode=full');
    expect(scrubText('the order token 123 was filled')).toBe('the order token 123 was filled');
  });

  test('is idempotent: masking a masked text changes nothing', () => {
    for (const text of ['password=[redacted]', 'Authorization: Bearer abcdefghijkl', '{"body":"{\\"mpin\\":\\"1234\\"}"}']) {
      expect(scrubText(scrubText(text))).toBe(scrubText(text));
    }
    expect(scrubText('{"body":"{\\"mpin\\":\\"1234\\"}"}')).toBe('{"body":"{\\"mpin\\":\\"[redacted]\\"}"}');
  });

  test('a JSON line is masked field by field before the text rules', () => {
    expect(JSON.parse(scrubLogLine('{"msg":"x","secret":"s3","n":1}'))).toEqual({ msg: 'x', secret: '[redacted]', n: 1 });
  });
});
