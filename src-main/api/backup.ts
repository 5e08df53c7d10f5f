import type { BackupService } from '../backup/backup-service';
import type { DomainHandlers } from './registry';

type BackupMethod = 'backup.create' | 'backup.cancel' | 'backup.list' | 'backup.verify' | 'backup.restore' | 'backup.discardRestore';

/**
 * backup.* over the contract. A create, verify or restore call resolves when
 * the job ends (progress meanwhile as backup.progress events); a cancelled
 * job answers { status: 'cancelled' } rather than an error.
 */
export function backupHandlers(backups: BackupService): DomainHandlers<BackupMethod> {
  return {
    'backup.create': async ({ label }) => {
      const outcome = await backups.create(label);
      return outcome.status === 'done' ? { status: 'completed', backup: outcome.value } : outcome;
    },
    'backup.cancel': () => ({ cancelled: backups.cancel() }),
    'backup.list': () => backups.list(),
    'backup.verify': async ({ id, deep }) => {
      const outcome = await backups.verify(id, deep);
      return outcome.status === 'done' ? { status: 'completed', verification: outcome.value } : outcome;
    },
    'backup.restore': async ({ id }) => {
      const outcome = await backups.restore(id);
      return outcome.status === 'done' ? { status: 'staged', pending: outcome.value } : outcome;
    },
    'backup.discardRestore': async () => ({ discarded: await backups.discardRestore() }),
  };
}
