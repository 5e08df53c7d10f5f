import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useFocusContainment, wrapTab } from './focus-trap';
import './dialog.css';

export interface ConfirmDialogProps {
  title: string;
  /** What confirming does, plainly; may hold a field (the kill switch's reason). */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** danger (red): it stops trading or cannot be had back; caution (amber): it can be undone or waits. */
  tone?: 'danger' | 'caution';
  /** The confirmed call is in flight: confirm is disabled and says so. */
  busy?: boolean;
  error?: string | null;
  onConfirm(): void;
  onCancel(): void;
  testIds?: { dialog?: string; confirm?: string; cancel?: string };
}

/**
 * The one confirmation the app asks before an action with consequences. Focus
 * starts on Cancel and stays inside; Esc cancels; Enter acts only on the
 * button that has focus, so an Enter typed out of habit (in the reason field,
 * or the moment the dialog opens) never confirms. A modal owns the keyboard:
 * no key pressed here reaches the hotkeys behind it.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { tone = 'caution', busy = false, error = null, testIds = {} } = props;
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useFocusContainment(rootRef);
  useEffect(() => cancelRef.current?.focus(), []);
  // A button disabled under focus drops it to the page; keep it in the dialog so Esc still works.
  useEffect(() => {
    if (rootRef.current && !rootRef.current.contains(document.activeElement)) rootRef.current.focus();
  }, [busy]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      props.onCancel();
    } else if (event.key === 'Tab') {
      if (rootRef.current && wrapTab(rootRef.current, event.shiftKey)) event.preventDefault();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (event.target === confirmRef.current && !busy) props.onConfirm();
      else if (event.target === cancelRef.current) props.onCancel();
    }
  };

  return createPortal(
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && event.preventDefault()}>
      <div
        ref={rootRef}
        className={`confirm-dialog confirm-${tone}`}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        tabIndex={-1}
        data-testid={testIds.dialog}
        onKeyDown={onKeyDown}
      >
        <h3 id={`${id}-title`}>{props.title}</h3>
        <div id={`${id}-body`} className="confirm-body">
          {props.children}
        </div>
        {error ? (
          <p className="confirm-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="confirm-actions">
          <button type="button" ref={cancelRef} className="dialog-btn" data-testid={testIds.cancel} onClick={props.onCancel}>
            {props.cancelLabel ?? 'Cancel'}
          </button>
          <button type="button" ref={confirmRef} className="dialog-btn confirm-ok" data-testid={testIds.confirm} disabled={busy} onClick={props.onConfirm}>
            {busy ? 'Working…' : props.confirmLabel}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
