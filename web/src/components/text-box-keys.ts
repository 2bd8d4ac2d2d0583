/**
 * The keys of every text box that is sent as a whole (a new note or comment, an edit):
 * Ctrl/Cmd+Enter sends its form, and Escape cancels an edit where there is one to cancel.
 */
export function textBoxKeys(cancel?: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      (event.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
    } else if (event.key === 'Escape' && cancel) {
      event.preventDefault();
      cancel();
    }
  };
}
