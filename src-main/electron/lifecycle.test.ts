import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../log';
import { createQuitGuard, parseDataDirArg, withTimeout } from './lifecycle';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const beforeQuit = () => ({ preventDefault: vi.fn() });

describe('createQuitGuard', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds the first quit until the core has stopped, then quits once', async () => {
    const stopping = deferred();
    const stop = vi.fn(() => stopping.promise);
    const quit = vi.fn();
    const guard = createQuitGuard({ stop, quit, timeoutMs: 1000, log: silentLogger });

    const first = beforeQuit();
    guard.onBeforeQuit(first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(guard.state).toBe('stopping');

    // A second Ctrl-C or a second quit while stopping: still held, no second stop.
    const second = beforeQuit();
    guard.onBeforeQuit(second);
    expect(second.preventDefault).toHaveBeenCalled();
    expect(stop).toHaveBeenCalledTimes(1);

    await flush();
    expect(quit).not.toHaveBeenCalled();
    stopping.resolve();
    await flush();
    expect(quit).toHaveBeenCalledTimes(1);
    expect(guard.state).toBe('stopped');

    // The quit that follows goes through.
    const last = beforeQuit();
    guard.onBeforeQuit(last);
    expect(last.preventDefault).not.toHaveBeenCalled();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('quits even when the core fails to stop', async () => {
    const quit = vi.fn();
    const error = vi.fn();
    const log = { ...silentLogger, error };
    const guard = createQuitGuard({ stop: () => Promise.reject(new Error('pg_ctl failed')), quit, timeoutMs: 1000, log });
    guard.onBeforeQuit(beforeQuit());
    await flush();
    expect(quit).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith('the core failed to stop cleanly', expect.objectContaining({ error: expect.stringContaining('pg_ctl failed') }));
  });

  it('quits after the timeout when the core hangs', async () => {
    vi.useFakeTimers();
    const quit = vi.fn();
    const guard = createQuitGuard({ stop: () => new Promise<void>(() => {}), quit, timeoutMs: 5000, log: silentLogger });
    guard.onBeforeQuit(beforeQuit());
    await vi.advanceTimersByTimeAsync(4999);
    expect(quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(quit).toHaveBeenCalledTimes(1);
  });
});

describe('withTimeout', () => {
  it('is true when the promise settles in time and false when it does not', async () => {
    await expect(withTimeout(Promise.resolve(), 50)).resolves.toBe(true);
    await expect(withTimeout(new Promise(() => {}), 10)).resolves.toBe(false);
    await expect(withTimeout(Promise.reject(new Error('x')), 50)).rejects.toThrow('x');
  });
});

describe('parseDataDirArg', () => {
  it('reads both spellings among Chromium switches', () => {
    expect(parseDataDirArg(['/usr/bin/electron', '.', '--no-sandbox', '--data-dir', '/srv/td'])).toBe('/srv/td');
    expect(parseDataDirArg(['/opt/Tickdesk/tickdesk', '--data-dir=/srv/td', '--enable-logging'])).toBe('/srv/td');
  });

  it('lets the last one win', () => {
    expect(parseDataDirArg(['x', '--data-dir=/a', '--data-dir', '/b'])).toBe('/b');
  });

  it('ignores a missing or empty value', () => {
    expect(parseDataDirArg(['x'])).toBeUndefined();
    expect(parseDataDirArg(['x', '--data-dir'])).toBeUndefined();
    expect(parseDataDirArg(['x', '--data-dir', '--no-sandbox'])).toBeUndefined();
    expect(parseDataDirArg(['x', '--data-dir='])).toBeUndefined();
  });
});
