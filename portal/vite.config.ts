// The portal's build (`npm start` runs it when the sources changed: portal/build.ts) and dev
// server (`npm run dev`): hot reload, with /api/* proxied to the local cloud `npm start` runs.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { verifyWorkerShims } from './src/verify/worker/vite-shims.ts';

const api = process.env.EPROC_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig(({ command }) => ({
  root: import.meta.dirname,
  // Where the API is: its own origin's paths when the local runtime (or CloudFront) serves the
  // build, /api through the proxy below under the dev server.
  define: { __EPROC_API_BASE__: JSON.stringify(command === 'serve' ? '/api' : '') },
  base: '/',
  // shared/tlog and shared/receipts use node:crypto synchronously; in the browser (the oversight
  // pages and the verify page's worker) one shim stands in for it (src/verify/worker/node-crypto.ts).
  plugins: [react(), verifyWorkerShims()],
  worker: { format: 'es', plugins: () => [verifyWorkerShims()] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    port: Number(process.env.PORTAL_DEV_PORT ?? 5173),
    proxy: {
      // In dev the portal calls /api/…; served by the local runtime it calls the API's own paths.
      '/api': { target: api, changeOrigin: true, rewrite: (path) => path.replace(/^\/api/, '') },
      // Where Cognito is (the local cloud serves it; deployed, a file beside index.html).
      '/portal-config.json': { target: api, changeOrigin: true },
    },
  },
}));
