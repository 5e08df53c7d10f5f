import { describe, expect, it } from 'vitest';
import { formatStatus } from './db-commands';
import { rendererMissing } from './serve';

describe('formatStatus', () => {
  it('prints an aligned table for a running database', () => {
    const text = formatStatus({
      running: true,
      version: '18.4',
      port: 45678,
      pid: 1234,
      dataDir: '/tmp/td',
      sizeBytes: 9_049_791,
      schemaVersion: '0007_settings_and_logs',
      initialised: true,
      problem: null,
    });
    expect(text.split('\n')).toEqual([
      'Data folder     /tmp/td',
      'Initialised     yes',
      'Running         yes (pid 1234, port 45678)',
      'Version         18.4',
      'Schema version  0007_settings_and_logs',
      'Size            8.6 MB',
    ]);
  });

  it('shows the problem when there is one', () => {
    const text = formatStatus({
      running: false,
      version: '16',
      port: null,
      pid: null,
      dataDir: '/d',
      sizeBytes: null,
      schemaVersion: null,
      initialised: false,
      problem: 'made by PostgreSQL 16',
    });
    expect(text).toContain('Running         no');
    expect(text).toContain('Size            -');
    expect(text).toMatch(/Problem\s+made by PostgreSQL 16$/);
  });
});

describe('rendererMissing', () => {
  it('says to build when index.html is absent', () => {
    expect(rendererMissing('/nonexistent/renderer')).toMatch(/the renderer is not built; run `npm run build`/);
  });
});
