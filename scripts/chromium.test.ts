import { describe, expect, test } from 'vitest';
import { chromiumArgs, chromiumCandidates, systemChromium } from './chromium.mjs';

describe('systemChromium', () => {
  test('Linux: Debian and Ubuntu names first, the first that exists wins', () => {
    const present = new Set(['/usr/bin/chromium-browser', '/usr/bin/google-chrome']);
    expect(systemChromium({ platform: 'linux', env: {}, exists: (file) => present.has(file) })).toBe('/usr/bin/chromium-browser');
    expect(chromiumCandidates({ platform: 'linux', env: {} })[0]).toBe('/usr/bin/chromium');
  });

  test('macOS: Chromium or Chrome in /Applications or ~/Applications', () => {
    const chrome = '/Users/t/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(systemChromium({ platform: 'darwin', env: { HOME: '/Users/t' }, exists: (file) => file === chrome })).toBe(chrome);
  });

  test('Windows: Chrome, Chromium, then the Edge every Windows has', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' };
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(systemChromium({ platform: 'win32', env, exists: (file) => file === edge })).toBe(edge);
    expect(chromiumCandidates({ platform: 'win32', env })[0]).toBe('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
  });

  test('none found means Playwright’s own; TICKDESK_CHROMIUM overrides either way', () => {
    expect(systemChromium({ platform: 'linux', env: {}, exists: () => false })).toBeNull();
    expect(systemChromium({ platform: 'linux', env: { TICKDESK_CHROMIUM: '/opt/chrome' }, exists: () => false })).toBe('/opt/chrome');
    expect(systemChromium({ platform: 'linux', env: { TICKDESK_CHROMIUM: 'playwright' }, exists: () => true })).toBeNull();
  });

  test('the test browser runs without the GPU and background traffic', () => {
    expect(chromiumArgs()).toEqual(['--no-sandbox', '--disable-gpu', '--disable-background-networking']);
  });
});
