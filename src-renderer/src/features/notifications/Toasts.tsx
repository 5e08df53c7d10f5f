import { memo, useEffect } from 'react';
import { dismissToast, useNotificationsStore, type Toast } from '../../stores/notifications-store';
import './notifications.css';

/** Long enough to read a fill; errors stay longer, they usually need acting on. */
export const TOAST_MS = { info: 6_000, success: 6_000, warning: 12_000, error: 12_000 } as const;

const ToastItem = memo(function ToastItem({ toast }: { toast: Toast }) {
  useEffect(() => {
    const timer = setTimeout(() => dismissToast(toast.id), TOAST_MS[toast.level]);
    return () => clearTimeout(timer);
  }, [toast.id, toast.level]);
  // Rejections and warnings interrupt a screen reader (alert); fills and info wait their turn (status).
  const urgent = toast.level === 'error' || toast.level === 'warning';
  return (
    <div className={`toast toast-${toast.level}`} role={urgent ? 'alert' : 'status'} data-testid="toast" data-level={toast.level} data-order-id={toast.orderId ?? undefined}>
      <div className="toast-text">
        <b className="toast-title">{toast.title}</b>
        <span className="toast-message">{toast.message}</span>
      </div>
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismissToast(toast.id)}>
        ×
      </button>
    </div>
  );
});

/** One toast per `notify` event (each fill and each rejection), newest at the bottom. */
export function Toasts() {
  const toasts = useNotificationsStore((s) => s.toasts);
  return (
    <div className="toasts" aria-label="Notifications" data-testid="toasts">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
