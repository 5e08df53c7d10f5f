import { describe, expect, it } from 'vitest';
import { ROOT_DATA_DIR, resolveDataDir } from './config';

const linuxUser = { platform: 'linux' as const, homedir: '/home/asha', uid: 1000, cwd: '/work' };

describe('resolveDataDir', () => {
  it('prefers --data-dir over everything else', () => {
    expect(
      resolveDataDir({ ...linuxUser, cliDataDir: '/data/td', env: { TICKDESK_HOME: '/env/td' }, electronUserData: '/ud' }),
    ).toBe('/data/td');
  });

  it('resolves a relative --data-dir against the working directory', () => {
    expect(resolveDataDir({ ...linuxUser, cliDataDir: 'td-data', env: {} })).toBe('/work/td-data');
    expect(resolveDataDir({ ...linuxUser, cliDataDir: './a/../b', env: {} })).toBe('/work/b');
  });

  it('uses TICKDESK_HOME before Electron userData', () => {
    expect(resolveDataDir({ ...linuxUser, env: { TICKDESK_HOME: 'rel' }, electronUserData: '/ud' })).toBe('/work/rel');
  });

  it('ignores blank values', () => {
    expect(resolveDataDir({ ...linuxUser, cliDataDir: '  ', env: { TICKDESK_HOME: '' }, electronUserData: '/ud' })).toBe('/ud');
  });

  it('uses Electron userData before the platform default', () => {
    expect(resolveDataDir({ ...linuxUser, env: {}, electronUserData: '/home/asha/.config/Tickdesk' })).toBe(
      '/home/asha/.config/Tickdesk',
    );
  });

  it('defaults to XDG_DATA_HOME/tickdesk on Linux', () => {
    expect(resolveDataDir({ ...linuxUser, env: { XDG_DATA_HOME: '/xdg' } })).toBe('/xdg/tickdesk');
  });

  it('ignores a relative XDG_DATA_HOME, as the XDG spec says', () => {
    expect(resolveDataDir({ ...linuxUser, env: { XDG_DATA_HOME: 'relative' } })).toBe('/home/asha/.local/share/tickdesk');
  });

  it('defaults to ~/.local/share/tickdesk on Linux', () => {
    expect(resolveDataDir({ ...linuxUser, env: {} })).toBe('/home/asha/.local/share/tickdesk');
  });

  it('defaults to Application Support on macOS', () => {
    expect(resolveDataDir({ platform: 'darwin', homedir: '/Users/asha', uid: 501, env: {} })).toBe(
      '/Users/asha/Library/Application Support/Tickdesk',
    );
  });

  it('defaults to %APPDATA%\\Tickdesk on Windows', () => {
    expect(
      resolveDataDir({ platform: 'win32', homedir: 'C:\\Users\\asha', uid: undefined, env: { APPDATA: 'C:\\Users\\asha\\AppData\\Roaming' } }),
    ).toBe('C:\\Users\\asha\\AppData\\Roaming\\Tickdesk');
    expect(resolveDataDir({ platform: 'win32', homedir: 'C:\\Users\\asha', uid: undefined, env: {} })).toBe(
      'C:\\Users\\asha\\AppData\\Roaming\\Tickdesk',
    );
  });

  it('defaults to /var/lib/tickdesk for root on Linux and macOS', () => {
    expect(resolveDataDir({ platform: 'linux', homedir: '/root', uid: 0, env: {} })).toBe(ROOT_DATA_DIR);
    expect(resolveDataDir({ platform: 'darwin', homedir: '/var/root', uid: 0, env: {} })).toBe(ROOT_DATA_DIR);
  });

  it('lets root still choose a folder explicitly', () => {
    expect(resolveDataDir({ platform: 'linux', homedir: '/root', uid: 0, env: { TICKDESK_HOME: '/srv/td' } })).toBe('/srv/td');
  });

  it('always returns an absolute path', () => {
    const dir = resolveDataDir({ env: {}, cliDataDir: 'x' });
    expect(dir.startsWith('/') || /^[A-Za-z]:\\/.test(dir)).toBe(true);
  });
});
