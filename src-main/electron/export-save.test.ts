import { describe, expect, it } from 'vitest';
import type { EventName } from '../../src-shared/contract';
import { silentLogger } from '../log';
import { offerExportSave } from './export-save';

function progress(state: string, exportId = 'e1') {
  return {
    exportId,
    fileName: 'audit-2026-11-01_2026-11-20.csv',
    state,
    rowsDone: 10,
    total: 10,
    bytes: 100,
    sha256: state === 'done' ? 'ab'.repeat(32) : null,
    path: state === 'done' ? '/data/exports/audit-2026-11-01_2026-11-20.csv' : null,
    downloadPath: null,
    message: null,
  };
}

function harness(answer: string | null) {
  let push: (event: EventName, payload: unknown) => void = () => {};
  const asked: string[] = [];
  const copies: Array<[string, string]> = [];
  offerExportSave({
    onEvent: (listener) => {
      push = listener;
      return () => {};
    },
    askPath: async (name) => {
      asked.push(name);
      return answer;
    },
    copyFile: async (from, to) => {
      copies.push([from, to]);
    },
    log: silentLogger,
  });
  return { push: (event: EventName, payload: unknown) => push(event, payload), asked, copies };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('offerExportSave', () => {
  it('asks once per finished export and copies the file where the trader chose', async () => {
    const h = harness('/home/trader/audit.csv');
    h.push('audit.exportProgress', progress('running'));
    h.push('audit.exportProgress', progress('done'));
    h.push('audit.exportProgress', progress('done'));
    await settle();
    expect(h.asked).toEqual(['audit-2026-11-01_2026-11-20.csv']);
    expect(h.copies).toEqual([['/data/exports/audit-2026-11-01_2026-11-20.csv', '/home/trader/audit.csv']]);
  });

  it('copies nothing when the dialog is cancelled, and ignores other events and malformed payloads', async () => {
    const h = harness(null);
    h.push('db.status', progress('done'));
    h.push('audit.exportProgress', { state: 'done' });
    h.push('audit.exportProgress', progress('done', 'e2'));
    await settle();
    expect(h.asked).toHaveLength(1);
    expect(h.copies).toHaveLength(0);
  });
});
