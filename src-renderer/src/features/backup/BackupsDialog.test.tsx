// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackupInfo, BackupProgress } from '../../../../src-shared/contract/domains/backup';
import { ClientProvider } from '../../client/client-context';
import { fakeMarketClient } from '../market/fake-market-client';
import { BackupsDialogView, type BackupsDialogViewProps } from './BackupsDialog';
import { BackupsLauncher } from './BackupsLauncher';
import { useBackupStore, type BackupListing } from './backup-store';

afterEach(() => {
  cleanup();
  useBackupStore.setState({ open: false, listing: null, progress: null, busy: false, notice: null });
});

const backup = (overrides: Partial<BackupInfo> = {}): BackupInfo => ({
  id: '20261120T040000Z-before-expiry',
  label: 'before expiry',
  createdAt: '2026-11-20T04:00:00.000Z',
  completedAt: '2026-11-20T04:00:09.000Z',
  sizeBytes: 50 * 1024 * 1024,
  fileCount: 1384,
  postgresVersion: '18.4',
  schemaVersion: '0012_ledger_hash_chain',
  startLsn: '0/2000028',
  stopLsn: '0/3000100',
  path: '/data/backups/20261120T040000Z-before-expiry',
  verification: null,
  ...overrides,
});

const listing = (backups: BackupInfo[]): BackupListing => ({ backups, damaged: [], pendingRestore: null, running: null });

const progress = (overrides: Partial<BackupProgress> = {}): BackupProgress => ({
  jobId: 'j1',
  operation: 'create',
  backupId: null,
  phase: 'copying',
  bytesDone: 21 * 1024 * 1024,
  bytesTotal: 50 * 1024 * 1024,
  filesDone: 600,
  filesTotal: 1384,
  message: null,
  ...overrides,
});

function view(overrides: Partial<BackupsDialogViewProps> = {}) {
  const props: BackupsDialogViewProps = {
    listing: listing([backup()]),
    progress: null,
    busy: false,
    notice: null,
    dataDir: '/data',
    onCreate: vi.fn(),
    onCancelJob: vi.fn(),
    onVerify: vi.fn(),
    onRestore: vi.fn(),
    onDiscardRestore: vi.fn(),
    onClose: vi.fn(),
    ...overrides,
  };
  render(<BackupsDialogView {...props} />);
  return props;
}

describe('Backups dialog', () => {
  it('lists a backup with its label, date in IST, size and verified state', () => {
    view({ listing: listing([backup(), backup({ id: '20261119T040000Z', label: 'manual', verification: { at: '2026-11-19T05:00:00.000Z', ok: true, deep: true, filesChecked: 9, problems: [], orderEvents: 3 } })]) });
    const rows = screen.getAllByTestId('backup-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('before expiry');
    expect(rows[0]?.textContent).toContain('20-11-2026 09:30:00');
    expect(rows[0]?.textContent).toContain('50.0 MB');
    expect(screen.getAllByTestId('backup-verified').map((cell) => cell.textContent)).toEqual(['never verified', 'deep-verified 19-11-2026 10:30:00 IST']);
  });

  it('restores only after a confirmation that says what is replaced and where the current data goes', () => {
    const props = view();
    fireEvent.click(screen.getByTestId('backup-restore'));
    expect(screen.getByTestId('restore-confirm-text').textContent).toContain('replaces the current database at the next start');
    expect(screen.getByTestId('restore-confirm-text').textContent).toContain('/data/pg.before-restore-');
    fireEvent.click(screen.getByTestId('restore-confirm-cancel'));
    expect(screen.queryByTestId('restore-confirm')).toBeNull();
    expect(props.onRestore).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('backup-restore'));
    fireEvent.click(screen.getByTestId('restore-confirm-ok'));
    expect(props.onRestore).toHaveBeenCalledWith('20261120T040000Z-before-expiry');
  });

  it('shows a running job with bytes and files, a Cancel, and no new jobs meanwhile', () => {
    const props = view({ progress: progress() });
    expect(screen.getByTestId('backup-progress-numbers').textContent).toBe('42% · 21.0 MB of 50.0 MB · 600/1,384 files');
    expect((screen.getByTestId('backup-create') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('backup-verify') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('backup-cancel'));
    expect(props.onCancelJob).toHaveBeenCalled();
  });

  it('refuses a label the server would refuse', () => {
    const props = view();
    fireEvent.change(screen.getByTestId('backup-label'), { target: { value: 'a/b' } });
    expect((screen.getByTestId('backup-create') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('backup-label'), { target: { value: 'before expiry' } });
    fireEvent.click(screen.getByTestId('backup-create'));
    expect(props.onCreate).toHaveBeenCalledWith('before expiry');
  });
});

describe('Backups launcher with a client', () => {
  it('lists on open, follows progress on the button, creates and reports the outcome', async () => {
    const made = backup();
    let finish: () => void = () => {};
    const client = fakeMarketClient({
      'backup.list': () => listing([]),
      'backup.create': () => new Promise((resolve) => (finish = () => resolve({ status: 'completed', backup: made }))),
    });
    render(
      <ClientProvider client={client}>
        <BackupsLauncher />
      </ClientProvider>,
    );
    act(() => client.emit('backup.progress', progress()));
    expect(screen.getByTestId('backups-open').textContent).toBe('Backups · create 42%');

    fireEvent.click(screen.getByTestId('backups-open'));
    await waitFor(() => expect(screen.getByTestId('backup-empty')).toBeTruthy());
    act(() => client.emit('backup.progress', progress({ phase: 'done', bytesDone: 50 * 1024 * 1024 })));
    fireEvent.change(screen.getByTestId('backup-label'), { target: { value: 'before expiry' } });
    fireEvent.click(screen.getByTestId('backup-create'));
    expect(client.calls.at(-1)).toEqual({ method: 'backup.create', args: { label: 'before expiry' } });
    await act(async () => finish());
    await waitFor(() => expect(screen.getByTestId('backup-notice').textContent).toBe(`Backup ${made.id} is complete.`));
  });
});
