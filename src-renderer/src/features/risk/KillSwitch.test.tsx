// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RiskState } from '../../../../src-shared/contract/domains/orders';
import { ClientProvider } from '../../client/client-context';
import { setRiskState, useRiskStore } from '../../stores/risk-store';
import { fakeClient, riskState, type FakeClient } from '../orders/test-fakes';
import { KillSwitch } from './KillSwitch';
import { lossUsedPct } from './RiskSummary';

let client: FakeClient;

function renderSwitch(initial: RiskState | null) {
  if (initial) setRiskState(initial);
  client = fakeClient({
    'risk.killSwitch': ({ engage, reason }) =>
      riskState({ killSwitch: { engaged: engage, reason: engage ? (reason ?? null) : null, at: engage ? 1 : null }, openOrderCount: 0 }),
  });
  render(
    <ClientProvider client={client}>
      <KillSwitch />
    </ClientProvider>,
  );
}

const badge = () => screen.getByTestId('kill-switch');

beforeEach(() => useRiskStore.setState({ state: null, error: null }));
afterEach(cleanup);

describe('kill switch', () => {
  it('shows unknown (not off) until the core says, and cannot be pressed then', () => {
    renderSwitch(null);
    expect(badge().dataset.engaged).toBe('unknown');
    expect((screen.getByTestId('kill-switch-toggle') as HTMLButtonElement).disabled).toBe(true);
  });

  it('engages only after confirmation, with the reason, and shows ENGAGED', async () => {
    renderSwitch(riskState());
    expect(screen.getByTestId('kill-switch-state').textContent).toBe('OFF');
    expect(badge().title).toContain('Daily loss limit: ₹5,000.00');
    fireEvent.click(screen.getByTestId('kill-switch-toggle'));
    const dialog = screen.getByTestId('kill-switch-dialog');
    expect(dialog.getAttribute('role')).toBe('alertdialog');
    expect(dialog.textContent).toContain('Every open order (2) will be cancelled');
    // Focus starts on Cancel, so a stray Enter does not trip the switch.
    expect(document.activeElement).toBe(screen.getByTestId('kill-switch-cancel'));
    expect(client.callsOf('risk.killSwitch')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('kill-switch-reason'), { target: { value: 'feed looks wrong' } });
    fireEvent.click(screen.getByTestId('kill-switch-confirm'));
    await waitFor(() => expect(screen.getByTestId('kill-switch-state').textContent).toBe('ENGAGED'));
    expect(client.callsOf('risk.killSwitch')).toEqual([{ engage: true, reason: 'feed looks wrong' }]);
    expect(screen.queryByTestId('kill-switch-dialog')).toBeNull();
    expect(badge().className).toContain('ks-on');
  });

  it('backs out on Cancel or Esc without calling the core', () => {
    renderSwitch(riskState());
    fireEvent.click(screen.getByTestId('kill-switch-toggle'));
    fireEvent.click(screen.getByTestId('kill-switch-cancel'));
    expect(screen.queryByTestId('kill-switch-dialog')).toBeNull();
    fireEvent.click(screen.getByTestId('kill-switch-toggle'));
    fireEvent.keyDown(screen.getByTestId('kill-switch-dialog'), { key: 'Escape' });
    expect(screen.queryByTestId('kill-switch-dialog')).toBeNull();
    expect(client.callsOf('risk.killSwitch')).toHaveLength(0);
  });

  it('needs a confirmation to reset too', async () => {
    renderSwitch(riskState({ killSwitch: { engaged: true, reason: 'Daily loss limit reached', at: 1 } }));
    expect(badge().title).toContain('Reason: Daily loss limit reached');
    fireEvent.click(screen.getByTestId('kill-switch-toggle'));
    expect(screen.getByTestId('kill-switch-dialog').textContent).toContain('Reset the kill switch?');
    fireEvent.click(screen.getByTestId('kill-switch-confirm'));
    await waitFor(() => expect(screen.getByTestId('kill-switch-state').textContent).toBe('OFF'));
    expect(client.callsOf('risk.killSwitch')).toEqual([{ engage: false }]);
  });

  it('follows risk.changed pushed by the core (a tripped loss limit)', () => {
    renderSwitch(riskState());
    setRiskState(riskState({ killSwitch: { engaged: true, reason: 'Daily loss limit', at: 5 } }));
    return waitFor(() => expect(screen.getByTestId('kill-switch-state').textContent).toBe('ENGAGED'));
  });
});

describe('loss used', () => {
  it('is the day loss as a share of the limit, capped at 100', () => {
    expect(lossUsedPct(-125_050, 500_000)).toBe(25);
    expect(lossUsedPct(10_000, 500_000)).toBe(0);
    expect(lossUsedPct(-900_000, 500_000)).toBe(100);
  });
});
