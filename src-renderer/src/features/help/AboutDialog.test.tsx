// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Diagnostics } from '../../../../src-shared/domain/diagnostics';
import { ClientProvider } from '../../client/client-context';
import { fakeClient } from '../../test/fake-client';
import { AboutDialog } from './AboutDialog';

const report: Diagnostics = {
  generatedAt: '2026-12-07T04:00:00.000Z',
  app: { name: 'Tickdesk', version: '0.1.0', mode: 'browser' },
  runtime: { node: 'v20.20.2', electron: null, chrome: null },
  os: { platform: 'linux', release: '6.1', arch: 'x64', version: '#1' },
  dataDir: '/var/lib/tickdesk',
  logFile: '/var/lib/tickdesk/logs/tickdesk.log',
  database: { state: 'ready', reason: null, version: '18.4', port: 5432, pid: 1, dataDir: '/var/lib/tickdesk', sizeBytes: 1, schemaVersion: '0013', restarts: 0, readySince: null },
  logLines: ['{"msg":"a"}', '{"msg":"b"}'],
  text: 'Tickdesk diagnostics …',
};

function renderAbout() {
  const client = fakeClient({ 'app.diagnostics': () => report });
  render(
    <ClientProvider client={client}>
      <AboutDialog onClose={() => {}} />
    </ClientProvider>,
  );
  return client;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('About', () => {
  it('says it is not investment advice and paper by default, and where the data and the log are', async () => {
    renderAbout();
    expect(screen.getByTestId('about-disclaimer').textContent).toMatch(/Not investment advice.*paper broker by default/);
    await waitFor(() => expect(screen.getByTestId('about-log-file').textContent).toBe('/var/lib/tickdesk/logs/tickdesk.log'));
    expect(screen.getByTestId('about-data-dir').textContent).toBe('/var/lib/tickdesk');
  });

  it('copies the report main collected', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
    const client = renderAbout();
    fireEvent.click(screen.getByTestId('copy-diagnostics'));
    await waitFor(() => expect(screen.getByTestId('diagnostics-copied').textContent).toContain('2 log lines'));
    expect(writeText).toHaveBeenCalledWith('Tickdesk diagnostics …');
    expect(client.callsOf('app.diagnostics').length).toBeGreaterThanOrEqual(2);
  });

  it('shows the text to copy by hand where the clipboard is refused', async () => {
    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText: async () => Promise.reject(new Error('denied')) }, configurable: true });
    document.execCommand = () => false;
    renderAbout();
    fireEvent.click(screen.getByTestId('copy-diagnostics'));
    await waitFor(() => expect((screen.getByTestId('diagnostics-text') as HTMLTextAreaElement).value).toBe('Tickdesk diagnostics …'));
  });
});
