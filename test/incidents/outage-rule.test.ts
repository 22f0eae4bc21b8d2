// The outage rule's arithmetic (Circular 79/2025 Art. 6), at every edge the README names.
import { describe, expect, it } from 'vitest';
import { affectedWindow, extendedClosingTime, isAffected } from '../../shared/incidents/outage-rule.ts';

/** An instant given as Vietnam local time. */
const hanoi = (local: string) => new Date(`${local}+07:00`).toISOString();
const minus6h = (local: string) => new Date(Date.parse(hanoi(local)) - 6 * 3_600_000).toISOString();

describe('the affected window: from the start to 2 h after the fix, both ends included', () => {
  const window = affectedWindow(hanoi('2025-12-12T09:27:00'), hanoi('2025-12-12T10:30:00'));

  it('runs from the start to fix + 2 h', () => {
    expect(window).toEqual({ from: hanoi('2025-12-12T09:27:00'), to: hanoi('2025-12-12T12:30:00') });
  });

  it('includes a closing exactly at the start and exactly at fix + 2 h, and nothing a millisecond outside', () => {
    expect(isAffected(hanoi('2025-12-12T09:27:00'), window)).toBe(true);
    expect(isAffected(hanoi('2025-12-12T12:30:00'), window)).toBe(true);
    expect(isAffected(hanoi('2025-12-12T10:00:00'), window)).toBe(true);
    expect(isAffected(new Date(Date.parse(window.from) - 1).toISOString(), window)).toBe(false);
    expect(isAffected(new Date(Date.parse(window.to) + 1).toISOString(), window)).toBe(false);
  });
});

describe('the new closing time: fix + 6 h, or 11:00 the next day if that falls in [17:00, 11:00)', () => {
  it.each([
    // [fix + 6 h in Vietnam, the new closing time in Vietnam]
    ['2025-12-12T16:59:00', '2025-12-12T16:59:00'],
    ['2025-12-12T16:59:59.999', '2025-12-12T16:59:59.999'],
    ['2025-12-12T17:00:00', '2025-12-13T11:00:00'],
    ['2025-12-12T23:59:00', '2025-12-13T11:00:00'],
    ['2025-12-13T00:00:00', '2025-12-13T11:00:00'],
    ['2025-12-13T10:59:00', '2025-12-13T11:00:00'],
    ['2025-12-13T10:59:59.999', '2025-12-13T11:00:00'],
    ['2025-12-13T11:00:00', '2025-12-13T11:00:00'],
    ['2025-12-13T13:30:00', '2025-12-13T13:30:00'],
    // The last day of a month and of a year roll over to the next calendar day.
    ['2025-12-31T18:00:00', '2026-01-01T11:00:00'],
  ])('fix + 6 h at %s → %s', (candidate, expected) => {
    expect(extendedClosingTime(minus6h(candidate))).toBe(hanoi(expected));
  });

  it('the KONEPS case of 12 Dec 2023, fixed at 10:30: fix + 6 h is 16:30, kept', () => {
    expect(extendedClosingTime(hanoi('2023-12-12T10:30:00'))).toBe(hanoi('2023-12-12T16:30:00'));
  });

  it('counts in Vietnam time whatever the UTC date (fix at 23:30 UTC is 06:30 in Hanoi)', () => {
    // 06:30 + 6 h = 12:30 local, kept; the UTC date is the day before.
    expect(extendedClosingTime('2025-06-01T23:30:00.000Z')).toBe(hanoi('2025-06-02T12:30:00'));
  });
});
