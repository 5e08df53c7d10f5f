import { describe, expect, it, vi } from 'vitest';
import { takeTokenFromAddressBar } from './page-token';

function fakeHistory() {
  return { state: { keep: 1 }, replaceState: vi.fn() };
}

describe('token from the address bar', () => {
  it('returns the token and removes it from the URL, keeping the rest', () => {
    const history = fakeHistory();
    const token = takeTokenFromAddressBar({ href: 'http://127.0.0.1:5123/?token=s3cr%2Bt&x=1#pane' }, history);
    expect(token).toBe('s3cr+t');
    expect(history.replaceState).toHaveBeenCalledWith({ keep: 1 }, '', '/?x=1#pane');
  });

  it('leaves a URL without a token alone', () => {
    const history = fakeHistory();
    expect(takeTokenFromAddressBar({ href: 'http://127.0.0.1:5123/' }, history)).toBeNull();
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it('strips an empty token but does not use it', () => {
    const history = fakeHistory();
    expect(takeTokenFromAddressBar({ href: 'http://127.0.0.1:5123/?token=' }, history)).toBeNull();
    expect(history.replaceState).toHaveBeenCalledWith({ keep: 1 }, '', '/');
  });
});
