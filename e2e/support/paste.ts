import type { Locator } from '@playwright/test';

/**
 * Pastes `text` into a field the way the browser delivers a paste: a cancellable `paste` event that
 * carries the text, which the page may take for itself; if it does not, the text is inserted where
 * the caret is, with the input events typing would give. (Typing a megabyte through the keyboard
 * would take minutes, and the system clipboard is not there in a headless browser.)
 */
export async function pasteInto(field: Locator, text: string): Promise<void> {
  await field.evaluate((el, value) => {
    (el as HTMLElement).focus();
    const data = new DataTransfer();
    data.setData('text/plain', value);
    const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    // A dispatched paste event inserts nothing itself: do what the browser would when no one took it.
    if (el.dispatchEvent(paste)) document.execCommand('insertText', false, value);
  }, text);
}
