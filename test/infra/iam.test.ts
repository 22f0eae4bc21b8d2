// IAM is derived from catalog grants only. For the real catalog and for a test catalog that adds
// queue, schedule and stream triggers and key grants, every function's role must hold exactly the
// actions its grants (and its trigger's event source) imply, on exactly those resources.
import { describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { expectedPermissions, type Permissions, sorted } from './support/expected-permissions.ts';
import { resourceLabeler } from './support/resource-labels.ts';
import { stage, synth } from './support/synth.ts';
import { functionRoles, list, policyDocuments, type Statement } from './support/template-walk.ts';
import { testCatalog } from './support/test-catalog.ts';

const dataServices = /^(dynamodb|s3|kms|sqs):/;
// What catalog grants give: data services and the user pool.
const grantedServices = /^(dynamodb|s3|kms|sqs|cognito-idp):/;

/** Why a statement is too broad, or undefined when it is fine. */
function tooBroad(statement: Statement, identity: boolean): string | undefined {
  if (statement.Effect !== 'Allow') return undefined;
  const actions = list(statement.Action);
  const wildcardAction = actions.find((a) => a === '*' || (dataServices.test(a) && a.includes('*')));
  if (wildcardAction) return `wildcard action ${wildcardAction}`;
  // In a key policy `Resource: *` means the key itself; identity policies must name resources.
  if (identity && actions.some((a) => dataServices.test(a)) && list(statement.Resource).includes('*')) {
    return `resource * for ${actions.join(',')}`;
  }
  const principals = list(statement.Principal as any).flatMap((p: any) =>
    typeof p === 'string' ? [p] : Object.values(p).flatMap((v) => list(v as string)),
  );
  if (principals.includes('*') && !statement.Condition) return 'unconditioned Principal *';
  return undefined;
}

describe('policy walk', () => {
  it('flags wildcard actions, * resources on data services and open principals', () => {
    expect(tooBroad({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }, true)).toMatch(
      /wildcard/,
    );
    expect(tooBroad({ Effect: 'Allow', Action: 'kms:GenerateDataKey*', Resource: 'k' }, true)).toMatch(
      /wildcard/,
    );
    expect(tooBroad({ Effect: 'Allow', Action: '*', Resource: 'x' }, true)).toMatch(/wildcard/);
    expect(tooBroad({ Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: '*' }, true)).toMatch(
      /resource/,
    );
    expect(
      tooBroad({ Effect: 'Allow', Action: 'sqs:SendMessage', Principal: '*', Resource: 'q' }, false),
    ).toMatch(/Principal/);
    expect(tooBroad({ Effect: 'Deny', Action: 's3:*', Resource: '*' }, true)).toBeUndefined();
    expect(
      tooBroad({ Effect: 'Allow', Action: 'xray:PutTraceSegments', Resource: '*' }, true),
    ).toBeUndefined();
  });
});

// CDK's BucketDeployment handler (run by CloudFormation at deploy time, reachable by no request)
// gets CDK's own read/write grant, with wildcard S3 actions: allowed on the CDK assets bucket and
// the portal's site bucket, and on nothing else (a data bucket, table or key would be a finding).
function portalDeployment(stackName: string, roles: readonly string[], statement: Statement): boolean {
  return (
    stackName === 'portal' &&
    roles.length > 0 &&
    roles.every((r) => r.startsWith('CustomCDKBucketDeployment')) &&
    list(statement.Resource).every((r) => {
      const text = JSON.stringify(r);
      return text.includes('cdk-hnb659fds-assets-') || text.includes('"PortalSite');
    })
  );
}

describe.each([
  ['the real catalog', functionSpecs],
  ['the test catalog', testCatalog],
])('IAM for %s', (_, catalog: Record<string, FunctionSpec>) => {
  const { json } = synth(catalog);
  const label = resourceLabeler(json.data, stage);
  // User pool triggers deploy with the pool (Auth stack), every other function in the Api stack.
  const roles = new Map([...functionRoles(json.api, stage), ...functionRoles(json.auth, stage)]);
  const functionPolicies = () => [...policyDocuments(json.api), ...policyDocuments(json.auth)];

  it('has no statement granting wildcard actions or * resources on dynamodb, s3, kms or sqs', () => {
    const findings: string[] = [];
    let walked = 0;
    for (const [stackName, template] of Object.entries(json)) {
      for (const document of policyDocuments(template)) {
        for (const statement of document.statements) {
          walked++;
          const why = tooBroad(statement, document.identity);
          if (why && !portalDeployment(stackName, document.roles, statement))
            findings.push(`${stackName}/${document.logicalId}: ${why}`);
        }
      }
    }
    expect(walked).toBeGreaterThan(Object.keys(catalog).length * 3);
    expect(findings).toEqual([]);
  });

  function actualPermissions(roleLogicalId: string) {
    const data: Permissions = new Map();
    const other: string[] = [];
    for (const document of functionPolicies().filter((d) => d.roles.includes(roleLogicalId))) {
      for (const statement of document.statements) {
        expect(statement.Effect).toBe('Allow');
        const actions = list(statement.Action);
        for (const resource of list(statement.Resource)) {
          const name = label(resource);
          if (actions.every((a) => grantedServices.test(a))) {
            const set = data.get(name) ?? new Set<string>();
            for (const a of actions) set.add(a);
            data.set(name, set);
          } else {
            other.push(`${[...actions].sort().join(',')} on ${name === '*' ? '*' : 'own'}`);
          }
        }
      }
    }
    return { data, other: other.sort() };
  }

  it('builds one function per catalog entry', () => {
    expect([...roles.keys()].sort()).toEqual(Object.keys(catalog).sort());
  });

  it.each(Object.keys(catalog))('gives %s exactly the permissions its grants imply', (name) => {
    const spec = catalog[name]!;
    const role = roles.get(name);
    expect(role, `function ${name}`).toBeDefined();
    const actual = actualPermissions(role!.role);
    expect(sorted(actual.data)).toEqual(sorted(expectedPermissions(spec)));
    // Besides data access: writing to its own log group, and X-Ray (which has no resource scoping).
    expect(actual.other).toEqual([
      'logs:CreateLogStream,logs:PutLogEvents on own',
      'xray:PutTelemetryRecords,xray:PutTraceSegments on *',
    ]);
    const logResource = functionPolicies()
      .filter((d) => d.roles.includes(role!.role))
      .flatMap((d) => d.statements)
      .find((s) => list(s.Action).includes('logs:PutLogEvents'))?.Resource as any;
    expect(logResource['Fn::GetAtt'][0]).toBe(role!.props.LoggingConfig.LogGroup.Ref);
  });

  it('conditions table and bucket key use on the service the key belongs to', () => {
    for (const document of policyDocuments(json.api)) {
      for (const statement of document.statements) {
        const labels = list(statement.Resource).map(label);
        if (labels.some((l) => l.startsWith('bucketKey:'))) {
          expect(JSON.stringify(statement.Condition)).toContain('"s3.');
        }
        const viaDynamo =
          labels.some((l) => l.startsWith('tableKey:')) && list(statement.Action).includes('kms:DescribeKey');
        if (viaDynamo) expect(JSON.stringify(statement.Condition)).toContain('"dynamodb.');
      }
    }
  });

  it('lets only functions granted decrypt on tenderKeys decrypt with it', () => {
    const granted = Object.entries(catalog)
      .filter(([, spec]) =>
        spec.grants.some((g) => 'key' in g && g.key === 'tenderKeys' && g.access === 'decrypt'),
      )
      .map(([name]) => name)
      .sort();
    const holders: string[] = [];
    for (const [stackName, template] of Object.entries(json)) {
      for (const document of policyDocuments(template).filter((d) => d.identity)) {
        const decrypts = document.statements.some(
          (s) =>
            s.Effect === 'Allow' &&
            list(s.Action).some((a) => a === 'kms:Decrypt' || a === 'kms:*' || a === '*') &&
            list(s.Resource).some((r) => label(r) === 'key:tenderKeys' || r === '*'),
        );
        if (!decrypts) continue;
        const fn = [...roles.entries()].find(([, r]) => document.roles.includes(r.role));
        holders.push(fn ? fn[0] : `${stackName}/${document.logicalId}`);
      }
    }
    expect(holders.sort()).toEqual(granted);
  });
});

describe('the test catalog', () => {
  it('really exercises a decrypt grant on tenderKeys and functions without one', () => {
    const grantsDecrypt = (spec: FunctionSpec) =>
      spec.grants.some((g) => 'key' in g && g.key === 'tenderKeys' && g.access === 'decrypt');
    const specs = Object.values(testCatalog);
    expect(specs.some(grantsDecrypt)).toBe(true);
    expect(specs.some((s) => !grantsDecrypt(s))).toBe(true);
    expect(new Set(specs.map((s) => s.trigger.kind))).toEqual(
      new Set(['http', 'queue', 'schedule', 'stream', 'userPool']),
    );
  });
});
