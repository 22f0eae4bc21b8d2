import type { Bytes } from './bytes.ts';

/** FIFO of byte arrays, so re-chunking a stream copies each byte once and never re-concatenates. */
export class ByteQueue {
  // Consumed entries are cleared so their memory can be reclaimed before the array is compacted.
  private readonly parts: (Uint8Array | undefined)[] = [];
  private head = 0;
  private offset = 0;
  length = 0;

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.parts.push(bytes);
    this.length += bytes.length;
  }

  take(count: number): Bytes {
    if (count > this.length) throw new RangeError('ByteQueue.take beyond available bytes');
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const part = this.parts[this.head] as Uint8Array;
      const n = Math.min(count - filled, part.length - this.offset);
      out.set(part.subarray(this.offset, this.offset + n), filled);
      filled += n;
      this.offset += n;
      if (this.offset === part.length) {
        this.parts[this.head] = undefined;
        this.head++;
        this.offset = 0;
      }
    }
    if (this.head > 64 && this.head * 2 > this.parts.length) {
      this.parts.splice(0, this.head);
      this.head = 0;
    }
    this.length -= count;
    return out;
  }
}
