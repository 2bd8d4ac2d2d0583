/**
 * Focus never hides under what stays on screen over the page (WCAG 2.4.11): the offline banner
 * (sticky at the top) and the notices (fixed at the bottom) mark themselves `data-covers="top"`
 * or `data-covers="bottom"`. The page's `scroll-padding` leaves their room when the browser
 * scrolls a focused control into view; when that is not enough (a control already on screen but
 * under them), the page scrolls just enough to show it.
 */

/** Starts watching focus in `doc`; returns the function that stops. */
export function keepFocusInView(doc: Document = document): () => void {
  const focused = (event: FocusEvent) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || target.closest('[data-covers]')) return;
    requestAnimationFrame(() => reveal(target));
  };
  doc.addEventListener('focusin', focused);
  return () => doc.removeEventListener('focusin', focused);
}

/** The free band of the screen between what covers its top and its bottom. */
function freeBand(): { top: number; bottom: number } {
  let top = 0;
  let bottom = window.innerHeight;
  for (const cover of document.querySelectorAll<HTMLElement>('[data-covers]')) {
    const box = cover.getBoundingClientRect();
    if (box.height === 0) continue;
    // The banner covers only while it is stuck to the top; in its place it just takes room.
    if (cover.dataset.covers === 'top' && box.top <= 1) top = Math.max(top, box.bottom);
    if (cover.dataset.covers === 'bottom') bottom = Math.min(bottom, box.top);
  }
  return { top, bottom };
}

function reveal(element: HTMLElement): void {
  if (!element.isConnected || document.activeElement !== element) return;
  const box = element.getBoundingClientRect();
  const band = freeBand();
  const margin = 8;
  if (box.top < band.top) {
    window.scrollBy(0, box.top - band.top - margin);
  } else if (box.bottom > band.bottom) {
    // Show its end, unless it is taller than the band: then its start.
    window.scrollBy(0, Math.min(box.bottom - band.bottom + margin, box.top - band.top - margin));
  }
}
