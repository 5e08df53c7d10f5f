import type { WebContents } from 'electron';
import type { Logger } from '../log';
import { isSafeExternalUrl } from './security';

export interface NavigationPolicy {
  /** The app's own pages (security.isTrustedAppUrl bound to our origin). */
  isAppUrl: (url: string) => boolean;
  /** shell.openExternal; called only for links isSafeExternalUrl lets out. */
  openExternal: (url: string) => void;
  log: Logger;
}

/**
 * Applied to every webContents as it is created: no navigation or redirect
 * off the app, no new windows (https links go to the system browser), no
 * <webview>. Type-only Electron import; tests drive a fake emitter.
 */
export function guardWebContents(contents: WebContents, policy: NavigationPolicy): void {
  const { isAppUrl, openExternal, log } = policy;
  const refuse = (kind: string) => (details: { url: string; preventDefault(): void }) => {
    if (isAppUrl(details.url)) return;
    details.preventDefault();
    log.warn(`refused ${kind}`, { url: details.url.slice(0, 256) });
  };

  contents.on('will-navigate', refuse('a navigation'));
  // Subframes too (will-navigate sees only the main frame).
  contents.on('will-frame-navigate', refuse('a frame navigation'));
  contents.on('will-redirect', refuse('a redirect'));

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('refused to attach a <webview>');
  });

  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      openExternal(url);
    } else {
      log.warn('refused to open a window', { url: url.slice(0, 256) });
    }
    return { action: 'deny' };
  });
}
