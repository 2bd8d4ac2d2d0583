// How much a page's layout moved while it loaded: the layout-shift entries Chromium reports
// (what Lighthouse sums into Cumulative Layout Shift), with the elements that moved, so that a
// failure names them. Every shift counts, also those Chromium marks `hadRecentInput` (which it
// does for a reload Playwright asks for): the story types nothing while it measures.

/** Starts recording on every document the page opens from now on. */
export async function recordLayoutShifts(page) {
  await page.addInitScript(() => {
    const shifts = [];
    const describe = (node) => {
      if (!(node instanceof Element)) return node?.nodeName ?? 'a removed node';
      const classes = [...node.classList].filter((c) => !c.startsWith('svelte-')).join('.');
      return `${node.localName}${classes ? `.${classes}` : ''}`;
    };
    const keep = (entries) => {
      for (const entry of entries) {
        shifts.push({
          value: entry.value,
          moved: entry.sources.map((s) => {
            const before = s.previousRect;
            const after = s.currentRect;
            return `${describe(s.node)} (${Math.round(before.x)},${Math.round(before.y)} → ${Math.round(after.x)},${Math.round(after.y)})`;
          }),
        });
      }
    };
    const observer = new PerformanceObserver((list) => keep(list.getEntries()));
    observer.observe({ type: 'layout-shift', buffered: true });
    window.__talkootLayoutShifts = () => {
      keep(observer.takeRecords());
      return shifts;
    };
  });
}

/** The shifts so far, once the current state is on screen (two frames rendered). */
export async function layoutShiftSoFar(page) {
  const shifts = await page.evaluate(async () => {
    for (let i = 0; i < 2; i += 1) await new Promise((frame) => requestAnimationFrame(frame));
    return window.__talkootLayoutShifts();
  });
  return {
    total: shifts.reduce((sum, s) => sum + s.value, 0),
    moved: shifts.flatMap((s) => s.moved.map((m) => `${s.value.toFixed(3)}: ${m}`)),
  };
}
