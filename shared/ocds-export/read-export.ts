// Reads the bulk export back, one line at a time, part after part as the manifest lists them:
// each part is a stream from S3 cut into lines, so at most one part's read buffer and one line are
// in memory.
import { createInterface } from 'node:readline';
import { partStream } from './export-store.ts';
import type { ExportManifest } from './layout.ts';

export async function* exportLines(manifest: ExportManifest): AsyncGenerator<string> {
  for (const month of Object.keys(manifest.months).sort()) {
    const parts = manifest.months[month]?.parts ?? 0;
    for (let part = 0; part < parts; part++) {
      const lines = createInterface({
        input: await partStream(month, part),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      for await (const line of lines) if (line.trim() !== '') yield line;
    }
  }
}
