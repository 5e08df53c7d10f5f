// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppInfoStore } from '../../stores/app-info-store';
import { IstClock, IstClockView } from './IstClock';

beforeEach(() => useAppInfoStore.setState({ info: null, clockOffsetMs: 0 }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('IST clock', () => {
  it('formats HH:MM:SS IST whatever the machine zone', () => {
    render(<IstClockView now={Date.parse('2026-11-20T18:29:59Z')} offsetMs={0} />);
    expect(screen.getByTestId('ist-clock').textContent).toBe('23:59:59 IST');
    expect(screen.getByTestId('ist-clock').parentElement?.title).toContain('20-11-2026 23:59:59 IST');
  });

  it('rolls over IST midnight at 18:30 UTC', () => {
    render(<IstClockView now={Date.parse('2026-11-20T18:30:00Z')} offsetMs={0} />);
    expect(screen.getByTestId('ist-clock').textContent).toBe('00:00:00 IST');
  });

  it('ticks every second', () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-02T03:44:58.500Z') });
    render(<IstClock />);
    expect(screen.getByTestId('ist-clock').textContent).toBe('09:14:58 IST');
    act(() => vi.advanceTimersByTime(600));
    expect(screen.getByTestId('ist-clock').textContent).toBe('09:14:59 IST');
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByTestId('ist-clock').textContent).toBe('09:15:00 IST');
  });

  it('shows the server clock when it is skewed from this machine', () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-02T03:45:00.200Z') });
    useAppInfoStore.setState({ clockOffsetMs: 90_000 });
    render(<IstClock />);
    expect(screen.getByTestId('ist-clock').textContent).toBe('09:16:30 IST');
    expect(screen.getByTestId('ist-clock').parentElement?.title).toContain('+90 s');
  });
});
