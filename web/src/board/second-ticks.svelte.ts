/**
 * A count that goes up once a second while `running()` says so (a running timer with time left), for a component that shows
 * the countdown: reading `ticks` in a `$derived` makes it look at the clock again. The server
 * sends no ticks; each screen counts for itself. Call it while a component initialises.
 */
export function secondTicks(running: () => boolean): { readonly ticks: number } {
  let ticks = $state(0);
  $effect(() => {
    if (!running()) return;
    const id = setInterval(() => (ticks += 1), 1000);
    return () => clearInterval(id);
  });
  return {
    get ticks() {
      return ticks;
    },
  };
}
