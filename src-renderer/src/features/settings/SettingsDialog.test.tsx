// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrokersStatus } from '../../../../src-shared/contract/domains/brokers';
import { ClientProvider } from '../../client/client-context';
import { fakeClient } from '../../test/fake-client';
import { resetDrillStore } from './drill-store';
import { SettingsDialog } from './SettingsDialog';

afterEach(() => {
  cleanup();
  resetDrillStore();
});

const withAccount: BrokersStatus = {
  keySource: 'safeStorage',
  locked: false,
  lockedReason: null,
  needsPassphraseSetup: false,
  accounts: [{ broker: 'kite', accountId: 'main', userId: 'AB1234', updatedAt: 1, hasSession: false }],
  expired: [],
};

describe('Settings → broker accounts', () => {
  it('removes an account only after a confirmation, and Esc there leaves the settings open', async () => {
    let status = withAccount;
    const client = fakeClient({
      'brokers.status': () => status,
      'brokers.drillStatus': () => ({ brokers: [], running: false, progress: [], reports: [], nextAt: null }),
      'brokers.removeAccount': () => {
        status = { ...withAccount, accounts: [] };
        return { removed: true };
      },
    });
    const onClose = vi.fn();
    render(
      <ClientProvider client={client}>
        <SettingsDialog onClose={onClose} />
      </ClientProvider>,
    );
    fireEvent.click(await screen.findByTestId('broker-account-remove'));
    expect(screen.getByTestId('remove-account-dialog').textContent).toContain('Remove the Kite account “main”?');
    fireEvent.keyDown(screen.getByTestId('remove-account-cancel'), { key: 'Escape' });
    expect(screen.queryByTestId('remove-account-dialog')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    expect(client.callsOf('brokers.removeAccount')).toEqual([]);

    fireEvent.click(screen.getByTestId('broker-account-remove'));
    fireEvent.click(screen.getByTestId('remove-account-confirm'));
    await waitFor(() => expect(screen.getByTestId('settings-saved').textContent).toContain('account “main” removed'));
    expect(client.callsOf('brokers.removeAccount')).toEqual([{ broker: 'kite', accountId: 'main' }]);
    expect(screen.getByTestId('broker-accounts').textContent).toContain('No broker account yet.');
  });
});
