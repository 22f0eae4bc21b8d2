// Who may call the API: a Cognito user pool whose groups are the roles of shared/auth/roles.ts and
// whose ID tokens carry `cognito:groups` and `custom:organisation_id` (shared/auth/principal.ts).
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
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { organisationClaim } from '../../shared/auth/principal.ts';
import { roles } from '../../shared/auth/roles.ts';
import { pascal, physicalName } from '../constructs/naming.ts';
import type { StageConfig } from './stage-config.ts';

export interface AuthStackProps extends StackProps {
  readonly stage: StageConfig;
}

const organisationAttribute = organisationClaim.replace(/^custom:/, '');

export class AuthStack extends Stack {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    const stage = props.stage;

    this.userPool = new UserPool(this, 'Users', {
      userPoolName: physicalName(stage.name, 'users'),
      // Accounts are created by administrators, who also place them in groups: a self-registered
      // account would belong to no group and so hold no role.
      selfSignUpEnabled: false,
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
      // Everyone here signs bids, opens tenders or audits them: a second factor for all.
      mfa: Mfa.REQUIRED,
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
      authFlows: { userSrp: true },
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

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
  }
}
