import { create } from 'zustand';
import type { MethodResult } from '../../../../src-shared/contract';
import type { TickdeskClient } from '../../../../src-shared/contract/client';
import type { BackupProgress } from '../../../../src-shared/contract/domains/backup';
import { errorMessage } from '../../format/error-message';

export type BackupListing = MethodResult<'backup.list'>;

export interface BackupNotice {
  tone: 'ok' | 'error' | 'info';
  text: string;
}

interface BackupStore {
  open: boolean;
  listing: BackupListing | null;
  /** The latest backup.progress heard: the running job's, or the last one's outcome. */
  progress: BackupProgress | null;
  /** A create, verify or restore call is in flight from this window. */
  busy: boolean;
  notice: BackupNotice | null;
}

export const useBackupStore = create<BackupStore>()(() => ({ open: false, listing: null, progress: null, busy: false, notice: null }));

const finished = new Set<BackupProgress['phase']>(['done', 'failed', 'cancelled']);

export function isRunning(progress: BackupProgress | null): boolean {
  return progress !== null && !finished.has(progress.phase);
}

export async function refreshBackups(client: TickdeskClient): Promise<void> {
  try {
    const listing = await client.call('backup.list', {});
    // After a reconnect, the job still running in main is picked up from the list.
    useBackupStore.setState((state) => ({ listing, progress: listing.running ?? state.progress }));
  } catch (error) {
    useBackupStore.setState({ notice: { tone: 'error', text: `Could not list the backups: ${errorMessage(error)}` } });
  }
}

export function onBackupProgress(progress: BackupProgress): void {
  useBackupStore.setState({ progress });
}

/** Runs one job call: busy while it runs, its outcome as the notice, the list refreshed after. */
async function job(client: TickdeskClient, work: () => Promise<BackupNotice>): Promise<void> {
  if (useBackupStore.getState().busy) return;
  useBackupStore.setState({ busy: true, notice: null });
  try {
    useBackupStore.setState({ notice: await work() });
  } catch (error) {
    useBackupStore.setState({ notice: { tone: 'error', text: errorMessage(error) } });
  } finally {
    useBackupStore.setState({ busy: false });
    await refreshBackups(client);
  }
}

const cancelledNotice: BackupNotice = { tone: 'info', text: 'Cancelled; nothing was left behind.' };

export function createBackup(client: TickdeskClient, label: string): Promise<void> {
  return job(client, async () => {
    const trimmed = label.trim();
    const result = await client.call('backup.create', trimmed ? { label: trimmed } : {});
    return result.status === 'cancelled' ? cancelledNotice : { tone: 'ok', text: `Backup ${result.backup.id} is complete.` };
  });
}

export function verifyBackup(client: TickdeskClient, id: string, deep: boolean): Promise<void> {
  return job(client, async () => {
    const result = await client.call('backup.verify', { id, deep });
    if (result.status === 'cancelled') return cancelledNotice;
    const { verification } = result;
    if (!verification.ok) return { tone: 'error', text: `${id} failed verification: ${verification.problems.join('; ')}` };
    const events = verification.orderEvents === null ? '' : ` A recovered copy holds ${verification.orderEvents} ledger events.`;
    return { tone: 'ok', text: `${id} is good: ${verification.filesChecked} files match.${events}` };
  });
}

export function restoreBackup(client: TickdeskClient, id: string): Promise<void> {
  return job(client, async () => {
    const result = await client.call('backup.restore', { id });
    if (result.status === 'cancelled') return cancelledNotice;
    return {
      tone: 'ok',
      text: `${id} will replace the database when Tickdesk next starts; the current one is kept as ${result.pending.keepCurrentAs}. Restart Tickdesk to apply it.`,
    };
  });
}

export async function cancelBackupJob(client: TickdeskClient): Promise<void> {
  try {
    await client.call('backup.cancel', {});
  } catch (error) {
    useBackupStore.setState({ notice: { tone: 'error', text: errorMessage(error) } });
  }
}

export async function discardRestore(client: TickdeskClient): Promise<void> {
  try {
    await client.call('backup.discardRestore', {});
    useBackupStore.setState({ notice: { tone: 'info', text: 'The staged restore was discarded; the current database stays.' } });
  } catch (error) {
    useBackupStore.setState({ notice: { tone: 'error', text: errorMessage(error) } });
  }
  await refreshBackups(client);
}
