// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TOASTS, pushToast, useNotificationsStore } from '../../stores/notifications-store';
import { TOAST_MS, Toasts } from './Toasts';

beforeEach(() => {
  vi.useFakeTimers();
  useNotificationsStore.setState({ toasts: [] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('toasts', () => {
  it('announces a fill politely and a rejection urgently', () => {
    render(<Toasts />);
    act(() => {
      pushToast({ level: 'success', title: 'Filled', message: 'BUY 10 RELIANCE at ₹2,500.00', orderId: null });
      pushToast({ level: 'error', title: 'Rejected', message: 'Kill switch engaged', orderId: null });
    });
    const [fill, rejection] = screen.getAllByTestId('toast');
    expect(fill?.getAttribute('role')).toBe('status');
    expect(fill?.textContent).toContain('BUY 10 RELIANCE');
    expect(rejection?.getAttribute('role')).toBe('alert');
    expect(rejection?.dataset.level).toBe('error');
  });

  it('dismisses itself after a while (errors stay longer) or on ×', () => {
    render(<Toasts />);
    act(() => {
      pushToast({ level: 'success', title: 'Filled', message: 'a', orderId: null });
      pushToast({ level: 'error', title: 'Rejected', message: 'b', orderId: null });
      pushToast({ level: 'info', title: 'Note', message: 'c', orderId: null });
    });
    act(() => vi.advanceTimersByTime(TOAST_MS.success + 1));
    expect(screen.getAllByTestId('toast').map((toast) => toast.dataset.level)).toEqual(['error']);
    fireEvent.click(screen.getByLabelText('Dismiss'));
    expect(screen.queryAllByTestId('toast')).toHaveLength(0);
  });

  it('keeps only the newest few on screen', () => {
    render(<Toasts />);
    act(() => {
      for (let i = 0; i < MAX_TOASTS + 3; i += 1) pushToast({ level: 'info', title: `n${i}`, message: '', orderId: null });
    });
    const toasts = screen.getAllByTestId('toast');
    expect(toasts).toHaveLength(MAX_TOASTS);
    expect(toasts[MAX_TOASTS - 1]?.textContent).toContain(`n${MAX_TOASTS + 2}`);
  });
});
