// The portal's Cognito endpoint locally: a same-origin proxy on the local gateway to moto's
// cognito-idp (POST /_cognito with Cognito's JSON protocol, X-Amz-Target), plus the portal's
// configuration (GET /portal-config.json: region, pool, client, endpoint). It does locally the two
// things Cognito does that moto does not:
// - sign-up codes: moto's ConfirmSignUp accepts any code and sends none. Here SignUp (and
//   ResendConfirmationCode) makes a 6-digit code and prints it to the log as Cognito would e-mail
//   it; ConfirmSignUp with another code is refused with CodeMismatchException, as Cognito does.
// - the post-confirmation trigger: moto invokes no Lambda triggers. After a ConfirmSignUp that
//   succeeded, the catalog's post-confirmation function (functions/accounts/post-confirmation.ts,
//   the one the Auth stack wires to the pool) runs here, in the local function pool.
// Only the calls a browser may make unsigned are forwarded; Admin* calls need IAM in AWS and are
// refused (moto would take them from anyone).
import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { deliverLocally } from '../../shared/accounts/local-mailbox.ts';
import { portalConfigPath, portalConfigSchema } from '../../shared/auth/portal-config.ts';
import type { LocalUserPool } from './user-pool.ts';

export const cognitoProxyPath = '/_cognito';
export { portalConfigPath };

const publicTargets = new Set([
  'InitiateAuth',
  'RespondToAuthChallenge',
  'SignUp',
  'ConfirmSignUp',
  'ResendConfirmationCode',
  'GetUser',
  'GlobalSignOut',
  'RevokeToken',
  'ChangePassword',
]);

export interface CognitoProxy {
  /** True when the request was the proxy's (answered here). */
  serve(method: string, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

const amzJson = 'application/x-amz-json-1.1';

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': amzJson });
  res.end(JSON.stringify(body));
}

/**
 * `mailbox`: where the codes go besides the log (shared/accounts/local-mailbox.ts);
 * `postConfirmation`: runs the pool's post-confirmation trigger as Cognito would.
 */
export function cognitoProxy(
  pool: LocalUserPool,
  mailbox: string,
  postConfirmation: (event: PostConfirmationTriggerEvent) => Promise<unknown>,
): CognitoProxy {
  // Pending sign-up codes by e-mail (lower case); lost on restart: ResendConfirmationCode makes one.
  const codes = new Map<string, string>();
  const newCode = (email: string) => {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    codes.set(email.toLowerCase(), code);
    deliverLocally(mailbox, { kind: 'sign-up-code', email, code, at: new Date().toISOString() });
    return code;
  };
  const forward = (target: string, body: Buffer) =>
    fetch(pool.endpoint, {
      method: 'POST',
      headers: { 'content-type': amzJson, 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
      body: new Uint8Array(body),
    });

  return {
    async serve(method, pathname, req, res) {
      if (pathname === portalConfigPath && method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(
          JSON.stringify(
            portalConfigSchema.parse({
              region: pool.region,
              userPoolId: pool.poolId,
              clientId: pool.clientId,
              cognitoEndpoint: cognitoProxyPath,
            }),
          ),
        );
        return true;
      }
      if (pathname !== cognitoProxyPath) return false;
      if (method !== 'POST') {
        answer(res, 405, { __type: 'MethodNotAllowed', message: 'POST only' });
        return true;
      }
      const target = String(req.headers['x-amz-target'] ?? '').replace(
        /^AWSCognitoIdentityProviderService\./,
        '',
      );
      const body = await readAll(req);
      if (!publicTargets.has(target)) {
        answer(res, 400, { __type: 'NotAuthorizedException', message: `${target || 'this call'} needs IAM` });
        return true;
      }
      let input: Record<string, unknown> = {};
      try {
        input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        answer(res, 400, { __type: 'SerializationException', message: 'the body is not JSON' });
        return true;
      }
      const email = String(input.Username ?? '');
      if (target === 'ResendConfirmationCode') {
        newCode(email);
        answer(res, 200, {
          CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: email },
        });
        return true;
      }
      if (
        target === 'ConfirmSignUp' &&
        codes.get(email.toLowerCase()) !== String(input.ConfirmationCode ?? '')
      ) {
        answer(res, 400, {
          __type: 'CodeMismatchException',
          message: 'Invalid verification code provided, please try again.',
        });
        return true;
      }
      const response = await forward(target, body);
      const text = await response.text();
      if (response.ok && target === 'SignUp') newCode(email);
      if (response.ok && target === 'ConfirmSignUp') {
        codes.delete(email.toLowerCase());
        await postConfirmation(confirmationEvent(pool, email, input));
      }
      res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? amzJson });
      res.end(text);
      return true;
    },
  };
}

function confirmationEvent(
  pool: LocalUserPool,
  email: string,
  input: Record<string, unknown>,
): PostConfirmationTriggerEvent {
  return {
    version: '1',
    region: pool.region,
    userPoolId: pool.poolId,
    userName: email,
    callerContext: { awsSdkVersion: 'local', clientId: String(input.ClientId ?? pool.clientId) },
    triggerSource: 'PostConfirmation_ConfirmSignUp',
    request: { userAttributes: { email } },
    response: {},
  };
}
