// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src-shared/contract';
import type { ConsoleResult } from '../../../../src-shared/contract/domains/dbadmin';
import { ConsoleTab } from './ConsoleTab';
import { useConsoleStore } from './console-store';
import { columnWidths, ResultGrid, visibleRange } from './ResultGrid';
import { recordingClient, renderWithClient } from './test-client';

const answer = (over: Partial<ConsoleResult> = {}): ConsoleResult => ({
  columns: [{ name: 'one', type: 'integer' }],
  rows: [['1']],
  rowCount: 1,
  truncated: false,
  rowCap: 1000,
  truncatedCells: 0,
  elapsedMs: 3.2,
  ...over,
});

beforeEach(() => useConsoleStore.setState({ sql: '', running: false, result: null, failure: null }));
afterEach(cleanup);

describe('the SQL console', () => {
  it('runs the editor text on Ctrl+Enter and shows the grid, row count and time', async () => {
    const client = recordingClient({ 'dbadmin.query': () => answer() });
    renderWithClient(client, <ConsoleTab />);
    const editor = screen.getByTestId('console-editor');
    fireEvent.change(editor, { target: { value: 'select 1 as one' } });
    fireEvent.keyDown(editor, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId('console-grid')).toBeTruthy());
    expect(client.calls).toEqual([{ method: 'dbadmin.query', args: { sql: 'select 1 as one' } }]);
    expect(screen.getByTestId('console-column').textContent).toBe('oneinteger');
    expect(screen.getByTestId('console-row').textContent).toBe('11');
    expect(screen.getByTestId('console-status').textContent).toBe('1 row · 3.2 ms');
  });

  it('does not run on a plain Enter (that is a new line)', () => {
    const client = recordingClient({ 'dbadmin.query': () => answer() });
    renderWithClient(client, <ConsoleTab />);
    const editor = screen.getByTestId('console-editor');
    fireEvent.change(editor, { target: { value: 'select 1' } });
    fireEvent.keyDown(editor, { key: 'Enter' });
    expect(client.calls).toEqual([]);
  });

  it('says when the rows were capped', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [String(i + 1)]);
    const client = recordingClient({ 'dbadmin.query': () => answer({ rows, rowCount: 1000, truncated: true }) });
    useConsoleStore.setState({ sql: 'select g from generate_series(1, 5000) g' });
    renderWithClient(client, <ConsoleTab />);
    fireEvent.click(screen.getByTestId('console-run'));
    await waitFor(() => expect(screen.getByTestId('console-status').textContent).toBe('1,000 rows (more exist; capped at 1,000) · 3.2 ms'));
  });

  it('shows the refusal and drops the previous grid', async () => {
    let refuse = false;
    const client = recordingClient({
      'dbadmin.query': () => {
        if (refuse) throw new ContractError('UNAUTHORIZED', 'The SQL console is read-only: INSERT/UPDATE/DELETE and DDL are refused.');
        return answer();
      },
    });
    useConsoleStore.setState({ sql: 'select 1' });
    renderWithClient(client, <ConsoleTab />);
    fireEvent.click(screen.getByTestId('console-run'));
    await waitFor(() => expect(screen.getByTestId('console-grid')).toBeTruthy());
    refuse = true;
    fireEvent.change(screen.getByTestId('console-editor'), { target: { value: 'delete from orders' } });
    fireEvent.click(screen.getByTestId('console-run'));
    await waitFor(() => expect(screen.getByTestId('console-error').textContent).toContain('The SQL console is read-only'));
    expect(screen.queryByTestId('console-grid')).toBeNull();
  });

  it('shows where a syntax error is', async () => {
    const client = recordingClient({
      'dbadmin.query': () => {
        throw new ContractError('VALIDATION', 'syntax error at or near "x"', { sqlstate: '42601', position: 14, hint: 'Check the FROM.' });
      },
    });
    useConsoleStore.setState({ sql: 'select 1 frm x' });
    renderWithClient(client, <ConsoleTab />);
    await act(async () => fireEvent.click(screen.getByTestId('console-run')));
    const error = screen.getByTestId('console-error').textContent ?? '';
    expect(error).toContain('syntax error at or near "x"');
    expect(error).toContain('At character 14.');
    expect(error).toContain('Hint: Check the FROM.');
  });
});

describe('the result grid', () => {
  it('draws only the rows in view', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [String(i), i % 2 ? null : 'x']);
    renderWithClient(recordingClient({}), <ResultGrid result={{ columns: [{ name: 'n', type: 'integer' }, { name: 'v', type: 'text' }], rows }} />);
    const drawn = screen.getAllByTestId('console-row');
    expect(drawn.length).toBeGreaterThan(10);
    expect(drawn.length).toBeLessThan(60);
    expect(screen.getByTestId('console-grid').getAttribute('aria-rowcount')).toBe('1001');
  });

  it('tells NULL from the text NULL', () => {
    renderWithClient(recordingClient({}), <ResultGrid result={{ columns: [{ name: 'a', type: 'text' }, { name: 'b', type: 'text' }], rows: [[null, 'NULL']] }} />);
    const cells = screen.getAllByRole('cell');
    expect(cells[0]?.getAttribute('data-null')).toBe('true');
    expect(cells[1]?.getAttribute('data-null')).toBeNull();
    expect(cells[1]?.textContent).toBe('NULL');
  });

  it('computes the window and the column widths', () => {
    expect(visibleRange(0, 220, 1000)).toEqual([0, 20]);
    expect(visibleRange(22 * 500, 220, 1000)).toEqual([490, 520]);
    expect(visibleRange(22 * 995, 220, 1000)).toEqual([985, 1000]);
    const [narrow = 0, wide = 0] = columnWidths({ columns: [{ name: 'a', type: 'int4' }, { name: 'b', type: 'text' }], rows: [['1', 'x'.repeat(500)]] });
    expect(narrow).toBe(64);
    expect(wide).toBe(360);
  });
});
