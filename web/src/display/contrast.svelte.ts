/**
 * High contrast, app-wide: what the person chose with the header's toggle (remembered on this
 * device), or else what the system asks for (`prefers-contrast: more`). The choice is kept as
 * `data-contrast="more"` on the root element, which app.css turns into black on white with
 * strong borders. `forced-colors: active` needs nothing here: the system's colours win there,
 * and app.css only keeps borders drawn.
 */

export type Contrast = 'more' | 'normal';

const CHOSEN_KEY = 'talkoot.contrast';
const SYSTEM_QUERY = '(prefers-contrast: more)';

export const isContrast = (value: unknown): value is Contrast => value === 'more' || value === 'normal';

function readChosen(): Contrast | null {
  try {
    const value = globalThis.localStorage?.getItem(CHOSEN_KEY);
    return isContrast(value) ? value : null;
  } catch {
    return null;
  }
}

const systemWantsMore = () => globalThis.matchMedia?.(SYSTEM_QUERY).matches ?? false;

/** The contrast in effect: a remembered choice wins over the system's wish. */
export function effectiveContrast(chosen: Contrast | null, systemMore: boolean): Contrast {
  return chosen ?? (systemMore ? 'more' : 'normal');
}

class ContrastSetting {
  chosen = $state<Contrast | null>(readChosen());
  systemMore = $state(systemWantsMore());

  get current(): Contrast {
    return effectiveContrast(this.chosen, this.systemMore);
  }
}

export const contrast = new ContrastSetting();

function apply(): void {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  if (contrast.current === 'more') root.dataset['contrast'] = 'more';
  else delete root.dataset['contrast'];
}

export function chooseContrast(value: Contrast): void {
  contrast.chosen = value;
  try {
    globalThis.localStorage?.setItem(CHOSEN_KEY, value);
  } catch {
    // not remembered, but still switched for this tab
  }
  apply();
}

/** Applies the setting now and follows the system's wish (and other tabs' choices) from here on. */
export function followContrast(): void {
  apply();
  globalThis.matchMedia?.(SYSTEM_QUERY).addEventListener('change', (e) => {
    contrast.systemMore = e.matches;
    apply();
  });
  globalThis.addEventListener?.('storage', (e) => {
    if (e.key !== CHOSEN_KEY) return;
    contrast.chosen = isContrast(e.newValue) ? e.newValue : null;
    apply();
  });
}
