// Cognito's post-confirmation trigger (infra/stacks/auth-stack.ts): a user who signed up and
// confirmed the e-mail code is a contractor, and only that. Self sign-up cannot reach any other
// role: staff, auditors and admins are invited by an admin (functions/accounts/handler.ts).
// Locally the gateway's Cognito proxy runs this same handler after ConfirmSignUp (moto runs no
// triggers).
import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { logger } from '../../shared/runtime/logger.ts';

let cognito: CognitoIdentityProviderClient | undefined;

export async function handler(event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> {
  // A confirmed password reset is no sign-up: the user keeps the groups they have.
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
  cognito ??= new CognitoIdentityProviderClient({});
  await cognito.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: event.userPoolId,
      Username: event.userName,
      GroupName: 'contractor',
    }),
  );
  logger.info('contractor signed up', { userPoolId: event.userPoolId });
  return event;
}
