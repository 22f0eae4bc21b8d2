// Serves a directory of built files under one path prefix of the local API's origin (the portal's,
// portal-files.ts), as a CDN in front of the bucket would in a deployment: GET and HEAD only,
// nothing outside the directory.
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

export interface StaticFiles {
  /** URL prefix without a trailing slash, e.g. "/assets"; '' for the origin's root. */
  readonly mount: string;
  readonly dir: string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

// Scripts only from the pages' own origin, so injected markup cannot run code; connections also
// to other local ports, where the emulated S3 takes the presigned uploads.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self' http://127.0.0.1:* http://localhost:*",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// As the deployment stores them (infra/stacks/portal-stack.ts): index.html is revalidated on every
// load, so a new build reaches pages at once; every other file has a content hash in its name and
// is kept for a year. Browsers then keep the compiled scripts between page loads, as users' do.
function cacheControl(relative: string): string {
  return relative === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable';
}

function notFound(res: ServerResponse, detail: string): true {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${detail}\n`);
  return true;
}

/** True when the request was for the mount (answered here); false leaves it to the API routes. */
export async function serveStatic(
  files: StaticFiles,
  method: string,
  pathname: string,
  res: ServerResponse,
): Promise<boolean> {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (pathname === files.mount) {
    res.writeHead(301, { location: `${files.mount}/` });
    res.end();
    return true;
  }
  if (!pathname.startsWith(`${files.mount}/`)) return false;
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(files.mount.length + 1)) || 'index.html';
  } catch {
    return notFound(res, 'not found');
  }
  const root = resolve(files.dir);
  const path = resolve(join(root, relative));
  // The URL parser already removed dot segments; encoded slashes and NULs could still escape.
  if (relative.includes('\0') || !path.startsWith(root + sep)) return notFound(res, 'not found');
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    return notFound(res, 'not found');
  }
  const body = await readFile(path);
  const type = contentTypes[extname(path)] ?? 'application/octet-stream';
  res.writeHead(200, {
    'content-type': type,
    'content-length': String(body.length),
    'cache-control': cacheControl(relative),
    'x-content-type-options': 'nosniff',
    ...(type.startsWith('text/html') ? { 'content-security-policy': contentSecurityPolicy } : {}),
  });
  res.end(method === 'HEAD' ? undefined : body);
  return true;
}
