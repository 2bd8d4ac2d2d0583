/**
 * What every page that shows a live board does with it (the board and the projector view):
 * connects while the page is mounted, and shows the page in the board's language meanwhile.
 */

import { onMount } from 'svelte';
import type { LiveBoard } from './live-board.svelte';
import { locale } from '../i18n/translate.svelte';

/** Call while a component initialises; `null` (no secret for the board) runs nothing. */
export function runLiveBoard(live: LiveBoard | null): void {
  onMount(() => {
    void live?.start();
    return () => {
      live?.stop();
      locale.board = null;
    };
  });

  $effect(() => {
    if (live?.meta) locale.board = live.meta.language;
  });
}
