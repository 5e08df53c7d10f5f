import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDatabaseService } from '../db/database';
import { createLogger } from '../log';

/**
 * First start = initdb + tuned config + server start + all migrations, in a
 * fresh folder. Warm start = start of the same folder to a ready, migrated
 * database. Warm is the median of several runs; first can only happen once
 * per folder, so it is the median over as many fresh folders.
 */
export async function benchStartup(argv: string[]): Promise<Record<string, number>> {
  const runs = Number(argv[argv.indexOf('--runs') + 1] ?? '') || 3;
  const log = createLogger({ level: 'warn' });
  const first: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-bench-'));
    try {
      first.push(await timeStart(dataDir, log));
      warm.push(await timeStart(dataDir, log));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return { firstStartMs: median(first), warmStartMs: median(warm), runs };
}

async function timeStart(dataDir: string, log: ReturnType<typeof createLogger>): Promise<number> {
  const service = createDatabaseService({ dataDir, port: null }, log);
  const started = performance.now();
  await service.start();
  const elapsed = performance.now() - started;
  await service.stop();
  return Math.round(elapsed);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
