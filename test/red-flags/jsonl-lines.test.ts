// The byte line splitter the flags command reads with: lines cut anywhere by chunk boundaries
// (inside a multi-byte character too) come out whole and numbered, CRLF ends like LF, a last line
// without its newline still counts, and blank lines keep their numbers.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { forEachLine } from '../../shared/red-flags/jsonl-lines.ts';

const text = '{"a":"Đấu thầu rộng rãi"}\r\n\n{"b":"Nguyễn Huệ"}\n{"c":1}';
const expected = ['{"a":"Đấu thầu rộng rãi"}', '', '{"b":"Nguyễn Huệ"}', '{"c":1}'];

async function lines(chunks: Buffer[]): Promise<{ lines: string[]; numbers: number[]; count: number }> {
  const seen: string[] = [];
  const numbers: number[] = [];
  const count = await forEachLine(Readable.from(chunks), (line, n) => {
    seen.push(line);
    numbers.push(n);
  });
  return { lines: seen, numbers, count };
}

describe('forEachLine', () => {
  it('gives the same lines for every way of cutting the bytes into chunks', async () => {
    const bytes = Buffer.from(text, 'utf8');
    for (const size of [1, 2, 3, 5, 7, 13, bytes.length]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const result = await lines(chunks);
      expect(result.lines, `chunks of ${size}`).toEqual(expected);
      expect(result.numbers).toEqual([1, 2, 3, 4]);
      expect(result.count).toBe(4);
    }
  });

  it('counts no line for empty input and one for a lone newline', async () => {
    expect((await lines([])).count).toBe(0);
    expect(await lines([Buffer.from('\n')])).toEqual({ lines: [''], numbers: [1], count: 1 });
  });
});
