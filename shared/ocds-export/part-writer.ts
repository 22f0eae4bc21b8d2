// JSONL lines into month partitions with bounded memory: each month buffers its lines until a part
// is full (`partBytes`), and when all buffers together pass `budgetBytes` the largest is written
// out early as a part of its own. Memory is therefore about `budgetBytes` plus one line, however
// many months and tenders there are.
import type { MonthSummary } from './layout.ts';

export interface PartWriterOptions {
  /** Writes one part (`part` counts from 0 within the month). */
  readonly put: (month: string, part: number, body: string) => Promise<void>;
  readonly partBytes?: number;
  readonly budgetBytes?: number;
}

interface MonthBuffer {
  lines: string[];
  bytes: number;
}

export class MonthPartWriter {
  private readonly buffers = new Map<string, MonthBuffer>();
  private readonly summaries = new Map<string, { parts: number; releases: number; bytes: number }>();
  private buffered = 0;
  private readonly partBytes: number;
  private readonly budgetBytes: number;

  private readonly options: PartWriterOptions;

  constructor(options: PartWriterOptions) {
    this.options = options;
    this.partBytes = options.partBytes ?? 8 * 1024 * 1024;
    this.budgetBytes = options.budgetBytes ?? 32 * 1024 * 1024;
  }

  /** Bytes buffered now (for tests and logs). */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Adds one line (no newline in it: JSON.stringify never writes one). Call one at a time. */
  async add(month: string, line: string): Promise<void> {
    const bytes = Buffer.byteLength(line) + 1;
    let buffer = this.buffers.get(month);
    if (!buffer) {
      buffer = { lines: [], bytes: 0 };
      this.buffers.set(month, buffer);
    }
    buffer.lines.push(line);
    buffer.bytes += bytes;
    this.buffered += bytes;
    const summary = this.summary(month);
    summary.releases += 1;
    summary.bytes += bytes;
    if (buffer.bytes >= this.partBytes) await this.flush(month);
    while (this.buffered > this.budgetBytes) await this.flush(this.largest());
  }

  /** Writes what is buffered; returns what each month received. */
  async finish(): Promise<Record<string, MonthSummary>> {
    for (const month of [...this.buffers.keys()]) await this.flush(month);
    return Object.fromEntries([...this.summaries].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  private summary(month: string) {
    let summary = this.summaries.get(month);
    if (!summary) {
      summary = { parts: 0, releases: 0, bytes: 0 };
      this.summaries.set(month, summary);
    }
    return summary;
  }

  private largest(): string {
    let found = '';
    let size = -1;
    for (const [month, buffer] of this.buffers) {
      if (buffer.bytes > size) {
        found = month;
        size = buffer.bytes;
      }
    }
    return found;
  }

  private async flush(month: string): Promise<void> {
    const buffer = this.buffers.get(month);
    if (!buffer || buffer.lines.length === 0) return;
    this.buffers.delete(month);
    this.buffered -= buffer.bytes;
    const summary = this.summary(month);
    const part = summary.parts;
    summary.parts += 1;
    await this.options.put(month, part, `${buffer.lines.join('\n')}\n`);
  }
}
