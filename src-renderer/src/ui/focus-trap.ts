/**
 * Keeps keyboard focus inside a modal: Tab and Shift+Tab wrap at its edges,
 * focus that strays outside (a click on the page behind, a script) is brought
 * back, and when the modal closes focus returns to what opened it.
 */
import { useEffect, type RefObject } from 'react';

const FOCUSABLE = [
  'button:not([disabled])',
  'input:not([disabled])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'a[href]',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

export function focusablesIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE));
}

/** The Tab key at the edges of root: wraps around and returns true when it moved focus itself. */
export function wrapTab(root: HTMLElement, backwards: boolean): boolean {
  const items = focusablesIn(root);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return false;
  const active = document.activeElement;
  const inside = active instanceof HTMLElement && items.includes(active);
  if (backwards && (active === first || !inside)) {
    last.focus();
    return true;
  }
  if (!backwards && (active === last || !inside)) {
    first.focus();
    return true;
  }
  return false;
}

/** While mounted: pulls stray focus back into root; on unmount: gives focus back to where it was. */
export function useFocusContainment(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const opener = document.activeElement;
    const onFocusIn = (event: FocusEvent) => {
      const node = root.current;
      if (!node || (event.target instanceof Node && node.contains(event.target))) return;
      (focusablesIn(node)[0] ?? node).focus();
    };
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [root]);
}
