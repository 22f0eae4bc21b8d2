// Serves the built portal (portal/dist) at the local API's origin root, as CloudFront in front of
// the portal's bucket would: /assets/* as files, and the portal's own routes (/, /vi/…, /en/…)
// as its index.html, where the router takes over. Every other path is left to the API's routes,
// so the portal's URLs never shadow one of the API's (all of its pages sit under a language).
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { portalPageRoute as pageRoute } from '../portal/page-routes.ts';
import { serveStatic } from './static-files.ts';

export interface PortalFiles {
  readonly dir: string;
}

/** True when the request was the portal's (answered here); false leaves it to the API routes. */
export async function servePortal(
  files: PortalFiles,
  method: string,
  pathname: string,
  res: ServerResponse,
): Promise<boolean> {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const isPage = pageRoute.test(pathname);
  if (!isPage && !pathname.startsWith('/assets/')) return false;
  if (!existsSync(join(files.dir, 'index.html'))) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${files.dir} holds no built portal: run \`node portal/build.ts\`\n`);
    return true;
  }
  // The mount '' makes the whole directory the root; static-files.ts keeps paths inside it.
  return serveStatic({ mount: '', dir: files.dir }, method, isPage ? '/index.html' : pathname, res);
}
