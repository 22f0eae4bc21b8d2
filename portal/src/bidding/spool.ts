// Where a sealed envelope waits between sealing and upload. The upload ticket signs in the
// envelope's SHA-256, known only once the last byte is sealed, and S3 wants its exact length in
// one PUT; so the envelope is written out as it is sealed and sent afterwards. The spool is a
// file in the origin-private file system (on disk: a 200 MB document never sits whole in memory,
// in the JS heap or elsewhere); where that is missing, a Blob assembled from chunk Blobs (browsers
// page large Blobs out of the renderer, and the JS heap holds only the chunk in flight).

export interface Spooled {
  /** The sealed bytes, read from disk by the upload. */
  readonly file: Blob;
  /** Removes the spool file. */
  release(): Promise<void>;
}

/** Counts bytes through, reporting at most every `step` bytes (a render per 64 KiB chunk is too many). */
export function counted(
  stream: ReadableStream<Uint8Array>,
  onBytes: (n: number) => void,
  step = 1 << 20,
): ReadableStream<Uint8Array> {
  let seen = 0;
  let reported = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen - reported >= step) {
          reported = seen;
          onBytes(seen);
        }
        controller.enqueue(chunk);
      },
      flush() {
        onBytes(seen);
      },
    }),
  );
}

async function opfsDirectory(): Promise<FileSystemDirectoryHandle | undefined> {
  try {
    if (
      typeof FileSystemFileHandle === 'undefined' ||
      !('createWritable' in FileSystemFileHandle.prototype)
    ) {
      return undefined;
    }
    return await navigator.storage.getDirectory();
  } catch {
    return undefined;
  }
}

export async function spool(stream: ReadableStream<Uint8Array>, name: string): Promise<Spooled> {
  const dir = await opfsDirectory();
  if (dir) {
    const fileName = `sealed-${name}-${crypto.randomUUID()}`;
    const handle = await dir.getFileHandle(fileName, { create: true });
    const writable = await handle.createWritable();
    await stream.pipeTo(writable);
    return {
      file: await handle.getFile(),
      release: () => dir.removeEntry(fileName).catch(() => {}),
    };
  }
  // Merged every 256 chunks, so the array of parts stays small too.
  let merged: Blob[] = [];
  let parts: Blob[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(new Blob([value as Uint8Array<ArrayBuffer>]));
    if (parts.length >= 256) {
      merged.push(new Blob(parts));
      parts = [];
    }
  }
  const file = new Blob([...merged, ...parts], { type: 'application/octet-stream' });
  merged = [];
  parts = [];
  return { file, release: async () => {} };
}

export class UploadRefused extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`upload refused (${status})`);
    this.status = status;
  }
}

/**
 * PUT of the spooled envelope to the presigned URL, with XMLHttpRequest for its upload progress
 * events (fetch has none). The browser streams the file from disk and sets Content-Length.
 */
export function upload(
  ticket: { uploadUrl: string; method: string; headers: Record<string, string> },
  body: Blob,
  onBytes: (n: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(ticket.method, ticket.uploadUrl);
    for (const [name, value] of Object.entries(ticket.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onBytes(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onBytes(body.size);
        resolve();
      } else reject(new UploadRefused(xhr.status));
    };
    xhr.onerror = () => reject(new UploadRefused(0));
    xhr.send(body);
  });
}
