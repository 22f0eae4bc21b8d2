// Who may call the API: a Cognito user pool whose groups are the roles of shared/auth/roles.ts and
// whose ID tokens carry `cognito:groups` and `custom:organisation_id` (shared/auth/principal.ts).
// It matches what the portal does (portal/src/auth/cognito.ts): USER_PASSWORD_AUTH and
// REFRESH_TOKEN_AUTH, the first-sign-in new password, contractors' self sign-up with the e-mailed
// code, whose post-confirmation trigger (a catalog function) makes them contractors.
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
  UserPoolOperation,
  VerificationEmailStyle,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { organisationClaim } from '../../shared/auth/principal.ts';
import { roles } from '../../shared/auth/roles.ts';
import { CatalogFunction } from '../constructs/catalog-function.ts';
import type { DataResources } from '../constructs/data-resources.ts';
import { acknowledge } from '../constructs/nag.ts';
import { pascal, physicalName } from '../constructs/naming.ts';
import type { StageConfig } from './stage-config.ts';

export interface AuthStackProps extends StackProps {
  readonly stage: StageConfig;
  /** Its `userPool` triggers are deployed here, with the pool that names them. */
  readonly catalog: Readonly<Record<string, FunctionSpec>>;
  readonly data: DataResources;
}

const triggerOperations = { postConfirmation: UserPoolOperation.POST_CONFIRMATION } as const;

const organisationAttribute = organisationClaim.replace(/^custom:/, '');

export class AuthStack extends Stack {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    const stage = props.stage;

    this.userPool = new UserPool(this, 'Users', {
      userPoolName: physicalName(stage.name, 'users'),
      // Contractors sign up themselves (with the e-mailed code); the post-confirmation trigger
      // places them in the contractor group and no other. Staff, auditors and admins are only
      // invited by an admin (AdminCreateUser, functions/accounts/handler.ts).
      selfSignUpEnabled: true,
      userVerification: { emailStyle: VerificationEmailStyle.CODE },
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        // Mutable so administrators can move a user between organisations; the app client below
        // cannot write it, so users cannot.
        [organisationAttribute]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        passwordHistorySize: 12,
        tempPasswordValidity: Duration.days(3),
      },
      // OPTIONAL, not REQUIRED: the portal does not yet answer the SOFTWARE_TOKEN_MFA and MFA_SETUP
      // challenges (AssociateSoftwareToken / VerifySoftwareToken), so with REQUIRED nobody could
      // sign in. moto cannot test them either: one TOTP secret for every user, codes checked only
      // with MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP, and MfaConfiguration ON asks no MFA_SETUP on
      // USER_PASSWORD_AUTH. What remains (README "Sign-in"): those two challenges in the portal,
      // then REQUIRED. Until then users can still add a TOTP app themselves.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const role of roles) {
      new UserPoolGroup(this, `Group${role.split('-').map(pascal).join('')}`, {
        userPool: this.userPool,
        groupName: role,
        description: `Members act as ${role} in the API`,
      });
    }

    this.userPoolClient = this.userPool.addClient('WebClient', {
      userPoolClientName: physicalName(stage.name, 'web'),
      // A browser app cannot keep a secret.
      generateSecret: false,
      // Exactly what the portal uses: USER_PASSWORD_AUTH (README "Sign-in" says why not SRP) and
      // REFRESH_TOKEN_AUTH, which Cognito always allows alongside.
      authFlows: { userPassword: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(organisationAttribute),
      // Deliberately without custom:organisation_id: which organisation a user acts for is decided
      // by administrators, never by the user's own token.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });

    for (const [name, spec] of Object.entries(props.catalog)) {
      const trigger = spec.trigger;
      if (trigger.kind !== 'userPool') continue;
      const fn = new CatalogFunction(this, `Fn${pascal(name)}`, {
        name,
        spec,
        stage,
        data: { ...props.data, userPool: this.userPool },
      });
      this.userPool.addTrigger(triggerOperations[trigger.event], fn.function);
    }
    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is OPTIONAL until the portal answers the SOFTWARE_TOKEN_MFA and MFA_SETUP challenges (README "Sign-in"): with REQUIRED no one could sign in through the portal.',
    );

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
  }
}
