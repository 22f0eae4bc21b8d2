// Key policies that delegate to IAM, like AWS's default one, but name the actions instead of
// `kms:*`: the account can administer the key and use it for what its kind allows, and an IAM
// policy still has to grant each use (a signing key can never be asked to decrypt, for instance).
import { AccountRootPrincipal, Effect, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';

const administration = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:CreateGrant',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RetireGrant',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];

const use = {
  ENCRYPT_DECRYPT: [
    'kms:Encrypt',
    'kms:Decrypt',
    'kms:ReEncryptFrom',
    'kms:ReEncryptTo',
    'kms:GenerateDataKey',
    'kms:GenerateDataKeyWithoutPlaintext',
  ],
  SIGN_VERIFY: ['kms:Sign', 'kms:Verify', 'kms:GetPublicKey'],
  GENERATE_VERIFY_MAC: ['kms:GenerateMac', 'kms:VerifyMac'],
} as const;

export function keyPolicy(usage: keyof typeof use): PolicyDocument {
  const account = new AccountRootPrincipal();
  // In a key policy, `*` is the key the policy is attached to.
  const thisKey = ['*'];
  return new PolicyDocument({
    statements: [
      new PolicyStatement({
        sid: 'AdministerThroughIam',
        effect: Effect.ALLOW,
        principals: [account],
        actions: administration,
        resources: thisKey,
      }),
      new PolicyStatement({
        sid: 'UseThroughIam',
        effect: Effect.ALLOW,
        principals: [account],
        actions: [...use[usage]],
        resources: thisKey,
      }),
    ],
  });
}
