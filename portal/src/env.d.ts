/** Set by portal/vite.config.ts: '' when built, '/api' under the dev server. */
declare const __EPROC_API_BASE__: string;
