/**
 * Focus on the new view's heading after a navigation, so keyboard and screen reader users start
 * at its top; but only once the heading says what the view is. A board's heading reads
 * "Opening the board…" (`data-loading`) until the board arrives: focus waits for its title.
 */
export function focusHeading(doc: Document = document): void {
  const heading = doc.querySelector<HTMLElement>('h1');
  if (!heading) return;
  if (!heading.hasAttribute('data-loading')) {
    heading.focus();
    return;
  }
  const observer = new MutationObserver(() => {
    if (!heading.isConnected) return observer.disconnect();
    if (heading.hasAttribute('data-loading')) return;
    observer.disconnect();
    // Unless the person has gone somewhere in the meantime.
    if (doc.activeElement === null || doc.activeElement === doc.body) heading.focus();
  });
  observer.observe(heading, { attributes: true, attributeFilter: ['data-loading'] });
}
