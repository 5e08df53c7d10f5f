import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MethodArgs, MethodName, MethodResult } from '../../src-shared/contract';
import type { ExportProgress } from '../../src-shared/contract/domains/audit';
import { createExportJobs, type ExportJobs } from '../audit/export-jobs';
import { seedOrder } from '../testing/kits/audit-seed';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { silentLogger } from '../log';
import { auditHandlers } from './audit';
import { dispatch, type Handlers } from './registry';

/**
 * The audit domain through dispatch (argument validation included) on a real
 * database: keyset pages and filters, counts, timelines, verify, and an
 * export started the way the UI starts one.
 */

let testDb: TestDatabase;
let dataDir: string;
let jobs: ExportJobs;
let handlers: Handlers;
const progress: ExportProgress[] = [];

beforeAll(async () => {
  testDb = await startTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-audit-api-'));
  jobs = createExportJobs({ pool: () => testDb.service.pool(), dataDir, log: silentLogger, emit: (p) => progress.push(p) });
  handlers = auditHandlers({ db: testDb.service, exports: jobs }) as unknown as Handlers;
  const pool = testDb.service.pool();
  // 30 orders over three IST days, two symbols, two strategies; every third ends REJECTED.
  for (let i = 0; i < 30; i += 1) {
    const day = 2 + (i % 3);
    await seedOrder(pool, {
      symbol: i % 2 ? 'INFY' : 'SBIN',
      strategy: i % 5 ? 'manual' : 'momo',
      status: i % 3 ? 'FILLED' : 'REJECTED',
      events: [
        { type: 'INTENT', statusAfter: 'PENDING_LOCAL', at: `2026-03-0${day}T04:00:${String(i).padStart(2, '0')}Z`, payload: { request: { qty: i } } },
        { type: 'REQUEST_SENT', statusAfter: 'SENT', at: `2026-03-0${day}T04:01:${String(i).padStart(2, '0')}Z`, payload: { request: { i } } },
        i % 3
          ? { type: 'FILL', statusAfter: 'FILLED', at: `2026-03-0${day}T04:02:00Z`, payload: { response: { status: 200, body: { fill: i } } } }
          : { type: 'REJECTED', statusAfter: 'REJECTED', at: `2026-03-0${day}T04:02:00Z`, payload: { reason: 'margin' } },
      ],
    });
  }
  await pool.query(`INSERT INTO audit_log (actor, action, details, at) VALUES ('trader', 'risk.update', '{"max": 5}', '2026-03-02T05:00:00Z'), ('system', 'killswitch.engage', '{}', '2026-03-03T05:00:00Z')`);
});

afterAll(async () => {
  await jobs?.stop();
  await testDb?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  const outcome = await dispatch(handlers, method, args, { transport: 'test' });
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), outcome.error);
  return outcome.result as MethodResult<M>;
}

describe('history pages', () => {
  test('keyset pages, newest first, cover every event once with no overlap', async () => {
    const seen: number[] = [];
    let after: number | undefined;
    for (let page = 0; page < 10; page += 1) {
      const result = await call('audit.events', { limit: 40, ...(after === undefined ? {} : { afterEventId: after }) });
      seen.push(...result.rows.map((r) => r.eventId));
      if (result.nextAfterEventId === null) break;
      after = result.nextAfterEventId;
    }
    expect(seen).toHaveLength(90);
    expect(new Set(seen).size).toBe(90);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    // The offset jump lands on the same row the keyset walk found there.
    const jumped = await call('audit.events', { offset: 50, limit: 1 });
    expect(jumped.rows[0]?.eventId).toBe(seen[50]);
  });

  test('filters: IST day, symbol, strategy, order status, event type; count agrees', async () => {
    const filters = { from: '2026-03-03', to: '2026-03-03', symbol: 'infy', eventType: 'FILL' } as const;
    const page = await call('audit.events', { filters, limit: 1000 });
    expect(page.rows.length).toBeGreaterThan(0);
    for (const row of page.rows) {
      expect(row).toMatchObject({ tradingsymbol: 'INFY', eventType: 'FILL' });
      expect(new Date(row.at + 5.5 * 3600_000).toISOString().slice(0, 10)).toBe('2026-03-03');
    }
    expect(await call('audit.count', { filters })).toEqual({ count: page.rows.length, exact: true });
    const rejected = await call('audit.events', { filters: { status: 'REJECTED' }, limit: 1000 });
    expect(rejected.rows).toHaveLength(30); // 10 orders x 3 events
    const momo = await call('audit.count', { filters: { strategy: 'momo' } });
    expect(momo.count).toBe(18);
  });

  test('bad filters are VALIDATION errors naming the problem', async () => {
    await expect(call('audit.events', { filters: { from: '2026-03-05', to: '2026-03-01' } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(call('audit.count', { filters: { from: '2026-02-30' } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(call('audit.events', { filters: { symbol: '   ' } })).rejects.toMatchObject({
      code: 'VALIDATION', details: [expect.objectContaining({ message: 'The symbol must not be empty' })],
    });
    await expect(call('audit.events', { limit: 1001 })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  test('an order timeline has every event in order, payloads verbatim, with hashes', async () => {
    const first = (await call('audit.events', { order: 'oldest', limit: 1 })).rows[0];
    const timeline = await call('audit.timeline', { orderId: first?.orderId as string });
    expect(timeline.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(timeline.events[0]?.payload).toEqual({ request: { qty: 0 } });
    expect(timeline.events.every((e) => /^[0-9a-f]{64}$/.test(e.hash ?? ''))).toBe(true);
    await expect(call('audit.timeline', { orderId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('audit_log pages by IST day', async () => {
    const all = await call('audit.log', {});
    expect(all.rows.map((r) => r.action)).toEqual(['killswitch.engage', 'risk.update']);
    const day = await call('audit.log', { filters: { from: '2026-03-02', to: '2026-03-02' } });
    expect(day.rows.map((r) => r.action)).toEqual(['risk.update']);
  });

  test('verify walks the whole chain', async () => {
    expect(await call('audit.verify', {})).toMatchObject({ ok: true, complete: true, checked: 90, firstBroken: null });
  });
});

describe('exports started like the UI does', () => {
  test('progress events end in done with the file path, its SHA-256 and a download path', async () => {
    progress.length = 0;
    const started = await call('audit.export', { filters: { from: '2026-03-02', to: '2026-03-04', symbol: 'SBIN' }, bom: true });
    expect(started.total).toBe(45);
    await expect.poll(() => progress.at(-1)?.state, { timeout: 10_000 }).toBe('done');
    const done = progress.at(-1) as ExportProgress;
    expect(done).toMatchObject({ exportId: started.exportId, rowsDone: 45, total: 45, downloadPath: `/exports/${started.fileName}` });
    const bytes = await readFile(done.path as string);
    expect(done.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await readdir(join(dataDir, 'exports'))).toEqual([started.fileName]);
  });

  test('an export without a range, or with an empty symbol, is refused before anything is written', async () => {
    await expect(call('audit.export', { filters: { from: '2026-03-02' } as never })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(call('audit.export', { filters: { from: '2026-03-02', to: '2026-03-04', symbol: '' } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(call('audit.export', { filters: { from: '2026-03-02', to: '2026-03-04', symbol: 'ZZZZ' } })).rejects.toMatchObject({
      code: 'VALIDATION', message: expect.stringContaining('Unknown symbol'),
    });
    await expect(call('audit.exportCancel', { exportId: 'nope' })).resolves.toEqual({ cancelled: false });
  });
});
