import { describe, expect, it, vi } from 'vitest';
import type { PreloadBridge } from '../../../src-shared/contract/transport';
import { bridgeTransport, findPreloadBridge } from './bridge-transport';

function fakeBridge(): PreloadBridge {
  return {
    kind: 'electron',
    invoke: vi.fn(async () => ({ ok: true as const, result: 1 })),
    onEvent: vi.fn(() => () => {}),
  };
}

describe('Electron bridge', () => {
  it('is found only when the preload put a real bridge on window', () => {
    const bridge = fakeBridge();
    expect(findPreloadBridge({ tickdesk: bridge })).toBe(bridge);
    expect(findPreloadBridge({})).toBeNull();
    expect(findPreloadBridge({ tickdesk: { kind: 'electron' } })).toBeNull();
    expect(findPreloadBridge({ tickdesk: { ...bridge, kind: 'other' } })).toBeNull();
  });

  it('passes calls and events through and is always open', async () => {
    const bridge = fakeBridge();
    const transport = bridgeTransport(bridge);
    await expect(transport.invoke('app.info', {})).resolves.toEqual({ ok: true, result: 1 });
    expect(bridge.invoke).toHaveBeenCalledWith('app.info', {});
    const listener = vi.fn();
    transport.onEvent(listener);
    expect(bridge.onEvent).toHaveBeenCalledWith(listener);
    expect(transport.status().state).toBe('open');
    expect(transport.kind).toBe('electron');
  });
});
