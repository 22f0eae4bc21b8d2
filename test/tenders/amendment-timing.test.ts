// When an amendment pushes the deadline out (Circular 04/2017: at least 3 working days).
import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../shared/calendar/working-days.ts';
import { deadlineExtensionFor } from '../../shared/tenders/tender-changes.ts';

const hanoi = (date: string, time = '10:00') => new Date(`${date}T${time}:00+07:00`).toISOString();

describe('deadline extension for amendments', () => {
  it('leaves a deadline with enough working days alone, down to the exact boundary', () => {
    const now = hanoi('2025-03-06');
    expect(deadlineExtensionFor(hanoi('2025-03-11'), now, 3)).toBeUndefined();
    expect(deadlineExtensionFor(hanoi('2025-04-30'), now, 3)).toBeUndefined();
    const justShort = deadlineExtensionFor(hanoi('2025-03-11', '09:59'), now, 3);
    expect(justShort).toMatchObject({ from: hanoi('2025-03-11', '09:59'), to: hanoi('2025-03-11') });
  });

  it('counts working days across Tết: an amendment on the Friday before Tết 2025', () => {
    // Twelve calendar days to Wednesday 5 February, but only 3 working days (3, 4 and 5 February).
    const now = hanoi('2025-01-24');
    expect(deadlineExtensionFor(hanoi('2025-02-05'), now, 3)).toBeUndefined();
    const extension = deadlineExtensionFor(hanoi('2025-02-04'), now, 3);
    expect(extension?.to).toBe(hanoi('2025-02-05'));
    expect(extension?.reason).toContain('3 working days');
  });

  it('moves a deadline that is already past or too close to exactly the minimum', () => {
    const now = '2026-06-05T08:00:00.000Z';
    const extension = deadlineExtensionFor('2026-06-06T00:00:00.000Z', now, 3);
    expect(extension?.to).toBe(addWorkingDays(now, 3));
    expect(deadlineExtensionFor('2026-06-04T00:00:00.000Z', now, 5)?.to).toBe(addWorkingDays(now, 5));
  });

  it('handles deadlines decades away without walking to them', () => {
    expect(deadlineExtensionFor('2090-01-01T00:00:00.000Z', '2026-06-05T08:00:00.000Z', 3)).toBeUndefined();
  });
});
