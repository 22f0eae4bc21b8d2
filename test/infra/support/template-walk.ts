// Reading synthesized CloudFormation: every policy document of a template, resources printed as
// flat strings (`arn:<AWS::Partition>:dynamodb:...:table/eproc-dev-tenders`), and which role each
// function runs with.

export interface Statement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | string[];
  readonly Resource?: unknown;
  readonly Principal?: unknown;
  readonly Condition?: Record<string, unknown>;
}

export const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** A CloudFormation value as one string; references print as `<LogicalId.Attribute>`. */
export function flat(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, any>;
    if ('Fn::Join' in v) return (v['Fn::Join'][1] as unknown[]).map(flat).join(v['Fn::Join'][0]);
    if ('Ref' in v) return `<${v.Ref}>`;
    if ('Fn::GetAtt' in v) return `<${list(v['Fn::GetAtt']).join('.')}>`;
    if ('Fn::GetStackOutput' in v)
      return `<${v['Fn::GetStackOutput'].StackName}:${v['Fn::GetStackOutput'].OutputName}>`;
    if ('Fn::ImportValue' in v) return `<import:${flat(v['Fn::ImportValue'])}>`;
  }
  return JSON.stringify(value);
}

export interface PolicyDocumentAt {
  readonly logicalId: string;
  readonly type: string;
  /** Logical ids of the roles an identity policy is attached to. */
  readonly roles: readonly string[];
  readonly statements: readonly Statement[];
  readonly identity: boolean;
}

const resourcePolicyTypes: Record<string, string> = {
  'AWS::S3::BucketPolicy': 'PolicyDocument',
  'AWS::SQS::QueuePolicy': 'PolicyDocument',
  'AWS::SNS::TopicPolicy': 'PolicyDocument',
  'AWS::KMS::Key': 'KeyPolicy',
};

// AWS managed policies whose content the walk knows (AWS publishes them): CDK's deploy-time
// handlers (BucketDeployment) hold the basic Lambda execution role and nothing broader.
const knownManagedPolicies: Record<string, Statement[]> = {
  'policy/service-role/AWSLambdaBasicExecutionRole': [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: '*',
    },
  ],
};

/** Every policy document in the template: IAM policies, role inline policies, resource policies. */
export function policyDocuments(template: any): PolicyDocumentAt[] {
  const found: PolicyDocumentAt[] = [];
  for (const [logicalId, resource] of Object.entries<any>(template.Resources ?? {})) {
    const props = resource.Properties ?? {};
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
      found.push({
        logicalId,
        type: resource.Type,
        roles: list(props.Roles).map((r: any) => r.Ref),
        statements: props.PolicyDocument.Statement,
        identity: true,
      });
    } else if (resource.Type === 'AWS::IAM::Role') {
      for (const policy of list<any>(props.Policies)) {
        found.push({
          logicalId,
          type: resource.Type,
          roles: [logicalId],
          statements: policy.PolicyDocument.Statement,
          identity: true,
        });
      }
      for (const arn of list<any>(props.ManagedPolicyArns)) {
        const known = Object.entries(knownManagedPolicies).find(([name]) =>
          JSON.stringify(arn).includes(name),
        );
        if (!known) throw new Error(`role ${logicalId} has managed policies, which this walk cannot read`);
        found.push({
          logicalId,
          type: 'AWS::IAM::ManagedPolicy',
          roles: [logicalId],
          statements: known[1],
          identity: true,
        });
      }
    } else if (resource.Type in resourcePolicyTypes) {
      const document = props[resourcePolicyTypes[resource.Type]!];
      if (document) {
        found.push({
          logicalId,
          type: resource.Type,
          roles: [],
          statements: document.Statement,
          identity: false,
        });
      }
    }
  }
  return found;
}

export function resourcesOfType(template: any, type: string): [string, any][] {
  return Object.entries<any>(template.Resources ?? {}).filter(([, r]) => r.Type === type);
}

/** Catalog function name → [function logical id, role logical id], found by physical name. */
export function functionRoles(
  apiTemplate: any,
  stage: string,
): Map<string, { fn: string; role: string; props: any }> {
  const map = new Map<string, { fn: string; role: string; props: any }>();
  for (const [logicalId, resource] of resourcesOfType(apiTemplate, 'AWS::Lambda::Function')) {
    const physical: string = resource.Properties.FunctionName;
    const name = physical
      .replace(`eproc-${stage}-`, '')
      .replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    map.set(name, {
      fn: logicalId,
      role: resource.Properties.Role['Fn::GetAtt'][0],
      props: resource.Properties,
    });
  }
  return map;
}
