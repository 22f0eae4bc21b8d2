// Cognito's JSON API as the portal calls it: through the local gateway's same-origin proxy.
import { readFileSync } from 'node:fs';
import type { TestCloud } from '../support/local-cloud.ts';

export async function cognito(cloud: TestCloud, target: string, body: Record<string, unknown>) {
  const response = await fetch(`${cloud.url}/_cognito`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
    },
    body: JSON.stringify({ ClientId: cloud.userPool.clientId, ...body }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** The last mail of this kind to this address in the cloud's local mailbox. */
export function lastMail(cloud: TestCloud, kind: 'invitation' | 'sign-up-code', email: string) {
  const mails = readFileSync(cloud.mailbox, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(
      (line) =>
        JSON.parse(line) as { kind: string; email: string; code?: string; temporaryPassword?: string },
    );
  return mails.filter((m) => m.kind === kind && m.email === email).at(-1);
}
