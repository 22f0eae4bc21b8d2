// A bidding document straight to S3: its SHA-256 computed in the browser, declared to the API,
// then PUT to the presigned URL with exactly the signed headers. XMLHttpRequest, not fetch,
// because only it reports upload progress.
import type { UploadTicket } from './api';

export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class UploadFailed extends Error {}

export function putToS3(
  ticket: UploadTicket,
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(ticket.method, ticket.uploadUrl);
    for (const [name, value] of Object.entries(ticket.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else reject(new UploadFailed(`S3 answered ${xhr.status}`));
    };
    xhr.onerror = () => reject(new UploadFailed('network'));
    xhr.send(file);
  });
}
