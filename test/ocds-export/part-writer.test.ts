// Month partitions with bounded memory: however many months the lines fall in, what is buffered
// stays within the budget (plus one line), each part stays within its size, and every month's
// parts hold its lines in order, each once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MonthPartWriter } from '../../shared/ocds-export/part-writer.ts';

describe('MonthPartWriter', () => {
  it('keeps memory within its budget and writes every line once, in order, into its month', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 600 })), {
          minLength: 1,
          maxLength: 400,
        }),
        async (plan) => {
          const parts = new Map<string, string[]>();
          const budget = 4_000;
          const partBytes = 1_500;
          let peak = 0;
          const writer = new MonthPartWriter({
            budgetBytes: budget,
            partBytes,
            put: async (month, part, body) => {
              const list = parts.get(month) ?? [];
              expect(part).toBe(list.length);
              expect(body.length).toBeLessThanOrEqual(partBytes + 601);
              list.push(body);
              parts.set(month, list);
            },
          });
          const expected = new Map<string, string[]>();
          for (const [i, [m, size]] of plan.entries()) {
            const month = `2025-${String((m % 12) + 1).padStart(2, '0')}-${m}`;
            const line = `${i}:${'x'.repeat(size)}`;
            expected.set(month, [...(expected.get(month) ?? []), line]);
            await writer.add(month, line);
            peak = Math.max(peak, writer.bufferedBytes);
          }
          const summary = await writer.finish();
          expect(peak).toBeLessThanOrEqual(budget);
          for (const [month, lines] of expected) {
            const written = (parts.get(month) ?? []).join('').split('\n').filter(Boolean);
            expect(written).toEqual(lines);
            expect(summary[month]).toMatchObject({ parts: parts.get(month)?.length, releases: lines.length });
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
