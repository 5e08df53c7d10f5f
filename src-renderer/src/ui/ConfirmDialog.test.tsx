// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmDialog, type ConfirmDialogProps } from './ConfirmDialog';

afterEach(cleanup);

const testIds = { dialog: 'dlg', confirm: 'dlg-ok', cancel: 'dlg-cancel' };

function open(overrides: Partial<ConfirmDialogProps> = {}) {
  const props = { onConfirm: vi.fn(), onCancel: vi.fn() };
  render(
    <>
      <button type="button" data-testid="outside">
        behind
      </button>
      <ConfirmDialog title="Engage the kill switch?" confirmLabel="Engage" testIds={testIds} {...props} {...overrides}>
        <p>Every open order will be cancelled.</p>
        <input data-testid="dlg-reason" />
      </ConfirmDialog>
    </>,
  );
  return props;
}

/** An opener button that shows the dialog, as the features use it. */
function Opener() {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" data-testid="opener" onClick={() => setAsking(true)}>
        Engage
      </button>
      {asking ? (
        <ConfirmDialog title="Sure?" confirmLabel="Yes" testIds={testIds} onConfirm={() => setAsking(false)} onCancel={() => setAsking(false)}>
          <p>Body</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

describe('ConfirmDialog', () => {
  it('is a labelled alert dialog whose focus starts on the safe choice', () => {
    open();
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('Engage the kill switch?');
    expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent).toContain('Every open order');
    expect(document.activeElement).toBe(screen.getByTestId('dlg-cancel'));
    expect(screen.getByTestId('dlg-ok').textContent).toBe('Engage');
    expect(screen.getByTestId('dlg-cancel').textContent).toBe('Cancel');
  });

  it('cancels on Esc, and no key pressed in it reaches the hotkeys behind', () => {
    const hotkey = vi.fn();
    window.addEventListener('keydown', hotkey);
    try {
      const props = open();
      fireEvent.keyDown(screen.getByTestId('dlg-reason'), { key: 'F1' });
      fireEvent.keyDown(screen.getByTestId('dlg-reason'), { key: 'Escape' });
      expect(props.onCancel).toHaveBeenCalledTimes(1);
      expect(props.onConfirm).not.toHaveBeenCalled();
      expect(hotkey).not.toHaveBeenCalled();
    } finally {
      window.removeEventListener('keydown', hotkey);
    }
  });

  it('confirms on Enter only when the focus is on the confirm button', () => {
    const props = open();
    fireEvent.keyDown(screen.getByTestId('dlg-reason'), { key: 'Enter' });
    fireEvent.keyDown(screen.getByTestId('dlg-cancel'), { key: 'Enter' });
    expect(props.onConfirm).not.toHaveBeenCalled();
    expect(props.onCancel).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByTestId('dlg-ok'), { key: 'Enter' });
    expect(props.onConfirm).toHaveBeenCalledTimes(1);
  });

  it('keeps Tab inside: wraps at both ends and pulls stray focus back', () => {
    open();
    const reason = screen.getByTestId('dlg-reason');
    const ok = screen.getByTestId('dlg-ok');
    ok.focus();
    fireEvent.keyDown(ok, { key: 'Tab' });
    expect(document.activeElement).toBe(reason);
    fireEvent.keyDown(reason, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(ok);
    screen.getByTestId('outside').focus();
    expect(screen.getByRole('alertdialog').contains(document.activeElement)).toBe(true);
  });

  it('gives the focus back to what opened it', () => {
    render(<Opener />);
    const opener = screen.getByTestId('opener');
    opener.focus();
    fireEvent.click(opener);
    expect(document.activeElement).toBe(screen.getByTestId('dlg-cancel'));
    fireEvent.keyDown(screen.getByTestId('dlg-cancel'), { key: 'Escape' });
    expect(screen.queryByTestId('dlg')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('while busy: confirm is disabled, says so, and Enter on it does nothing', () => {
    const props = open({ busy: true, error: 'The kill switch could not be engaged.' });
    const ok = screen.getByTestId('dlg-ok') as HTMLButtonElement;
    expect(ok.disabled).toBe(true);
    expect(ok.textContent).toBe('Working…');
    fireEvent.keyDown(ok, { key: 'Enter' });
    expect(props.onConfirm).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('The kill switch could not be engaged.');
  });

  it('marks a dangerous action, and a reversible one as caution by default', () => {
    open({ tone: 'danger' });
    expect(screen.getByTestId('dlg').className).toContain('confirm-danger');
    cleanup();
    open();
    expect(screen.getByTestId('dlg').className).toContain('confirm-caution');
  });
});
