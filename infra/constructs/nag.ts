// cdk-nag 3 acknowledgements. Each one names a single finding and says why it must stay; nothing
// here silences a rule wholesale.
import { Stack, Validations } from 'aws-cdk-lib';
// The helper cdk-nag itself uses to print a resource in an IAM5 finding id: using the same one
// keeps each acknowledgement matched to exactly one wildcard resource.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

export function acknowledge(construct: IConstruct, id: string, reason: string): void {
  Validations.of(construct).acknowledge({ id, reason });
}

/** Acknowledges the IAM5 finding for one wildcard resource of a policy on (or below) `construct`. */
export function acknowledgeWildcardResource(construct: IConstruct, resource: string, reason: string): void {
  const printed = flattenCfnReference(Stack.of(construct).resolve(resource));
  acknowledge(construct, `AwsSolutions-IAM5[Resource::${printed}]`, reason);
}
