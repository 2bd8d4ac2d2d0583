/**
 * Escape inside an open panel or menu closes it; `close` gives focus back to the button that
 * opened it. The same everywhere: a text box that handled Escape itself (an edit asking before it
 * discards changes) and a dialog (the browser closes it) come first.
 */
export function escapeCloses(close: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (event.target instanceof Element && event.target.closest('dialog')) return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };
}
