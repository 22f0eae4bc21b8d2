// /portal-config.json: where the portal finds Cognito (portal/src/auth/cognito.ts). One schema for
// both places that write it: the local gateway (infra/local/cognito-proxy.ts: its same-origin
// proxy to moto) and the portal stack (infra/stacks/portal-stack.ts: the pool's real endpoint,
// written into the portal bucket at deployment). The portal imports only the type (no zod in the
// browser bundle).
import * as z from 'zod';

/** On the portal's own origin, beside index.html (not under the API's base path). */
export const portalConfigPath = '/portal-config.json';

export const portalConfigSchema = z.strictObject({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/),
  /** `<region>_<id>`, as Cognito (and moto) name pools. */
  userPoolId: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+_[0-9A-Za-z]+$/),
  clientId: z.string().regex(/^[0-9a-z]+$/),
  /** Cognito's JSON API: an https URL (AWS), or a path on the portal's origin (the local proxy). */
  cognitoEndpoint: z.union([z.url({ protocol: /^https$/ }), z.string().regex(/^\/[\w-]+$/)]),
});

export type PortalConfig = z.infer<typeof portalConfigSchema>;

/** Cognito's public endpoint in a region (`urlSuffix`: amazonaws.com, or the partition's). */
export const cognitoEndpoint = (region: string, urlSuffix: string) =>
  `https://cognito-idp.${region}.${urlSuffix}/`;
