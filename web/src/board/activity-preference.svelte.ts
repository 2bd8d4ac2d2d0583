/**
 * Whether this device announces others' activity (board/activity.ts): on unless the person
 * turned it off, remembered across reloads and boards.
 */

const KEY = 'talkoot.announceActivity';

function readOn(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

class ActivityPreference {
  on = $state(readOn());

  set(on: boolean): void {
    this.on = on;
    try {
      globalThis.localStorage?.setItem(KEY, on ? 'on' : 'off');
    } catch {
      // not remembered, but still switched for this tab
    }
  }
}

export const activityPreference = new ActivityPreference();
