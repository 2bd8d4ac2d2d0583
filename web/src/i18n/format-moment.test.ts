import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDay, formatMoment, formatTime } from './format-moment';

const at = new Date(2026, 4, 3, 14, 32).getTime();

describe('formatMoment', () => {
  it('says only the time on the same day', () => {
    const later = new Date(2026, 4, 3, 18, 0).getTime();
    expect(formatMoment(at, 'fi', later)).toBe('14.32');
    expect(formatMoment(at, 'sv', later)).toBe('14.32');
    expect(formatMoment(at, 'en', later)).toBe('14:32');
  });

  it('adds the date on another day', () => {
    const nextDay = new Date(2026, 4, 4, 9, 0).getTime();
    expect(formatMoment(at, 'fi', nextDay)).toBe('3.5.2026 klo 14.32');
    expect(formatMoment(at, 'sv', nextDay)).toBe('3.5.2026 kl. 14.32');
    expect(formatMoment(at, 'en', nextDay)).toBe('3 May 2026, 14:32');
  });

  it('writes the hour as each language does, before ten too', () => {
    const morning = new Date(2026, 11, 4, 9, 5).getTime();
    expect(formatDateTime(morning, 'fi')).toBe('4.12.2026 klo 9.05');
    expect(formatDateTime(morning, 'sv')).toBe('4.12.2026 kl. 9.05');
    expect(formatDateTime(morning, 'en')).toBe('4 December 2026, 09:05');
    expect(formatTime(new Date(2026, 11, 4, 0, 7).getTime(), 'fi')).toBe('0.07');
  });
});

describe('formatDay', () => {
  it('says the day with the month in words, in each language', () => {
    expect(formatDay(at, 'fi')).toBe('3. toukokuuta 2026');
    expect(formatDay(at, 'sv')).toBe('3 maj 2026');
    expect(formatDay(at, 'en')).toBe('3 May 2026');
  });
});

describe('formatDate', () => {
  it('writes a calendar date the way each language does, on that very day', () => {
    expect(formatDate('2027-03-31', 'fi')).toBe('31.3.2027');
    expect(formatDate('2027-03-31', 'sv')).toBe('31 mars 2027');
    expect(formatDate('2027-03-31', 'en')).toBe('31 Mar 2027');
    // The first of a month stays the first, whatever the device's time zone.
    expect(formatDate('2027-01-01', 'fi')).toBe('1.1.2027');
  });

  it('shows anything else as it is', () => {
    expect(formatDate('huomenna', 'fi')).toBe('huomenna');
  });
});
