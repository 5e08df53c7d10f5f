/**
 * The maintenance part of the core: the partition manager, run once at
 * start-up (catching up after the app was closed for days or weeks) and then
 * daily at 00:05 IST. Built in core.ts; started after the database and
 * before the market service, stopped in reverse order.
 */
import { join } from 'node:path';
import type { DatabaseService } from '../db/service';
import { readRetentionSettings } from './retention-settings';
import type { Logger } from '../log';
import { PARTITION_POLICIES } from '../market/partition-plan';
import { IstDailyScheduler } from './ist-scheduler';
import { PartitionManager, type PartitionRunReport } from './partition-manager';

export interface MaintenanceSettings {
  partitionDaysAhead: number;
  tickRetentionDays: number;
  depthRetentionDays: number;
  archiveBeforeDrop: boolean;
}

export interface Maintenance {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A pass now (the scheduler's job; also for a "run maintenance" button). */
  runPartitions(): Promise<PartitionRunReport[]>;
}

export function createMaintenance(options: { db: DatabaseService; dataDir: string; settings: MaintenanceSettings; log: Logger; now?: () => number }): Maintenance {
  const { settings, log } = options;
  // Retention is read from the database panel's saved settings at every run, so
  // an edit applies from the next run; the config's values are the defaults.
  const policies = async () => {
    const retention = await readRetentionSettings(options.db, {
      tickRetentionDays: settings.tickRetentionDays,
      depthRetentionDays: settings.depthRetentionDays,
      partitionDaysAhead: settings.partitionDaysAhead,
    });
    return [
      { ...PARTITION_POLICIES.market_ticks, daysAhead: retention.partitionDaysAhead, retentionDays: retention.tickRetentionDays },
      { ...PARTITION_POLICIES.market_depth, daysAhead: retention.partitionDaysAhead, retentionDays: retention.depthRetentionDays },
    ];
  };
  const manager = new PartitionManager({
    db: options.db,
    policies,
    archiveDir: settings.archiveBeforeDrop ? join(options.dataDir, 'archive') : null,
    log: log.child({ part: 'partitions' }),
    ...(options.now ? { now: options.now } : {}),
  });
  const runPartitions = () => manager.run();
  const scheduler = new IstDailyScheduler({
    at: '00:05',
    run: async () => {
      await runPartitions();
    },
    log: log.child({ part: 'scheduler' }),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    async start() {
      try {
        await runPartitions();
      } catch (error) {
        // No tick is lost without day partitions (the DEFAULT partition takes them); the next run catches up.
        log.error('partition maintenance at start-up failed; ticks go to the default partition until it succeeds', { error: error instanceof Error ? error.message : String(error) });
      }
      scheduler.start();
    },
    async stop() {
      await scheduler.stop();
    },
    runPartitions,
  };
}
