// Streams a file into a presigned PUT with its exact Content-Length: one chunk in memory at a time,
// the socket's backpressure pacing the disk reads.
import { createReadStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { collectAsYouStream } from './memory.ts';
import type { ByteProgress } from './progress.ts';

export function putFile(
  url: string,
  path: string,
  size: number,
  headers: Record<string, string>,
  progress: ByteProgress,
): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      { method: 'PUT', headers: { ...headers, 'content-length': String(size) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const file = createReadStream(path, { highWaterMark: 1 << 18 });
    const collect = collectAsYouStream();
    file.on('data', (chunk) => {
      progress.advance(chunk.length);
      collect(chunk.length);
    });
    file.on('error', (error) => {
      req.destroy(error);
      reject(error);
    });
    file.pipe(req);
  });
}
