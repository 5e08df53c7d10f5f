import { describe, expect, it } from 'vitest';
import { connectionMessage } from './ConnectionBanner';

const base = { attempt: 0, retryAt: null, everOpened: false };

describe('connection banner text', () => {
  it('says nothing while open or when the token screen takes over', () => {
    expect(connectionMessage({ ...base, state: 'open', everOpened: true }, 0, 'h')).toBeNull();
    expect(connectionMessage({ ...base, state: 'unauthorized' }, 0, 'h')).toBeNull();
  });

  it('says connecting on the first attempt', () => {
    expect(connectionMessage({ ...base, state: 'connecting' }, 0, 'h')).toBe('Connecting to Tickdesk…');
  });

  it('says the connection was lost and when it retries', () => {
    const message = connectionMessage({ state: 'closed', attempt: 2, retryAt: 5_000, everOpened: true }, 2_100, 'h');
    expect(message).toBe('Connection lost — reconnecting (next try in 3 s). What you see may be out of date.');
  });

  it('says the server cannot be reached when it never was', () => {
    const message = connectionMessage({ state: 'closed', attempt: 1, retryAt: 1_000, everOpened: false }, 0, '127.0.0.1:5123');
    expect(message).toContain('Cannot reach Tickdesk at 127.0.0.1:5123');
    expect(message).toContain('attempt 1');
  });
});
