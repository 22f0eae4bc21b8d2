// The Auth stack as synthesized matches what the portal does (portal/src/auth/cognito.ts):
// contractors sign up themselves and the post-confirmation trigger (a catalog function, with only
// AdminAddUserToGroup on the pool) makes them contractors; the app client allows exactly
// USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH, keeps no secret and cannot write the organisation;
// the groups are the roles; MFA is OPTIONAL (the portal answers no MFA challenge yet).
import { describe, expect, it } from 'vitest';
import { catalog } from '../../functions/catalog.ts';
import { organisationClaim } from '../../shared/auth/principal.ts';
import { roles } from '../../shared/auth/roles.ts';
import { buildApp, stage, synth } from './support/synth.ts';
import { flat, list, policyDocuments, resourcesOfType } from './support/template-walk.ts';

const { json } = synth();
const auth = json.auth;
const only = (type: string) => {
  const found = resourcesOfType(auth, type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

describe('the user pool', () => {
  const [poolId, pool] = only('AWS::Cognito::UserPool');

  it('lets contractors sign up with an e-mailed code', () => {
    expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(false);
    expect(pool.Properties.AutoVerifiedAttributes).toEqual(['email']);
    expect(pool.Properties.VerificationMessageTemplate.DefaultEmailOption).toBe('CONFIRM_WITH_CODE');
    expect(pool.Properties.UsernameAttributes).toEqual(['email']);
  });

  it('wires the catalog post-confirmation function as its trigger', () => {
    const [fnId, fn] = only('AWS::Lambda::Function');
    expect(fn.Properties.FunctionName).toBe(`eproc-${stage}-post-confirmation`);
    expect(pool.Properties.LambdaConfig).toEqual({ PostConfirmation: { 'Fn::GetAtt': [fnId, 'Arn'] } });
    expect(Object.keys(pool.Properties.LambdaConfig)).toEqual(['PostConfirmation']);
    expect(fn.Properties.Timeout).toBeLessThanOrEqual(5);
    expect(catalog.postConfirmation.entry).toBe('functions/accounts/post-confirmation.ts');
    // Cognito, for this pool only, may invoke it.
    const [, permission] = only('AWS::Lambda::Permission');
    expect(permission.Properties.Principal).toBe('cognito-idp.amazonaws.com');
    expect(permission.Properties.SourceArn).toEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
    // It is not also deployed in the Api stack.
    const apiNames = resourcesOfType(json.api, 'AWS::Lambda::Function').map(
      ([, f]) => f.Properties.FunctionName,
    );
    expect(apiNames).not.toContain(`eproc-${stage}-post-confirmation`);
  });

  it('gives the trigger AdminAddUserToGroup on this pool and nothing else on Cognito', () => {
    const [, fn] = only('AWS::Lambda::Function');
    const role = fn.Properties.Role['Fn::GetAtt'][0];
    const statements = policyDocuments(auth)
      .filter((d) => d.roles.includes(role))
      .flatMap((d) => d.statements);
    const cognito = statements.filter((s) => list(s.Action).some((a) => a.startsWith('cognito-idp:')));
    expect(cognito).toHaveLength(1);
    expect(cognito[0]!.Action).toBe('cognito-idp:AdminAddUserToGroup');
    expect(cognito[0]!.Resource).toEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
    // In a policy of its own, which the function does not wait for: no pool <-> function cycle.
    const [policyId] = resourcesOfType(auth, 'AWS::IAM::Policy').find(([, p]) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('cognito-idp:AdminAddUserToGroup'),
    )!;
    expect(list(only('AWS::Lambda::Function')[1].DependsOn ?? [])).not.toContain(policyId);
    // Nor does it name the pool in its environment (the event does).
    expect(JSON.stringify(fn.Properties.Environment ?? {})).not.toContain(poolId);
    expect(flat(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME)).toBe('postConfirmation');
  });

  it('has one group per role, and the trigger adds only the contractor group', async () => {
    const groups = resourcesOfType(auth, 'AWS::Cognito::UserPoolGroup').map(
      ([, g]) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...roles].sort());
    const source = await import('node:fs').then((fs) =>
      fs.readFileSync(new URL('../../functions/accounts/post-confirmation.ts', import.meta.url), 'utf8'),
    );
    expect(source.match(/GroupName: '([a-z-]+)'/g)).toEqual(["GroupName: 'contractor'"]);
  });

  it('offers MFA (TOTP) without requiring it, and says why', () => {
    expect(pool.Properties.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.Properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    // Acknowledgements are construct metadata, not template: read them from an app built here.
    const { app } = buildApp({});
    const metadata = app.node
      .findAll()
      .find((c) => c.node.path === 'eproc-dev-auth/Users')!
      .node.metadata.map((m) => JSON.stringify(m.data));
    expect(metadata.join()).toMatch(/COG2.*SOFTWARE_TOKEN_MFA/);
  });
});

describe('the template', () => {
  it('has no dependency cycle between the pool, its trigger and their policies', () => {
    const resources = auth.Resources as Record<string, any>;
    const edges = new Map<string, Set<string>>();
    const collect = (value: unknown, into: Set<string>) => {
      if (Array.isArray(value)) for (const v of value) collect(v, into);
      else if (value && typeof value === 'object') {
        const v = value as Record<string, unknown>;
        if (typeof v.Ref === 'string' && v.Ref in resources) into.add(v.Ref);
        const att = v['Fn::GetAtt'];
        if (Array.isArray(att) && att[0] in resources) into.add(att[0] as string);
        for (const inner of Object.values(v)) collect(inner, into);
      }
    };
    for (const [id, resource] of Object.entries(resources)) {
      const into = new Set<string>(list(resource.DependsOn ?? []));
      collect(resource.Properties, into);
      edges.set(id, into);
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (id: string, path: string[]) => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(id)), id].join(' -> '));
        return;
      }
      state.set(id, 'visiting');
      for (const next of edges.get(id) ?? []) visit(next, [...path, id]);
      state.set(id, 'done');
    };
    for (const id of edges.keys()) visit(id, []);
    expect(cycles).toEqual([]);
  });
});

describe('the app client', () => {
  const [, client] = only('AWS::Cognito::UserPoolClient');

  it('allows exactly the flows the portal uses, without a secret', () => {
    expect([...client.Properties.ExplicitAuthFlows].sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
    ]);
    expect(client.Properties.GenerateSecret).toBe(false);
    expect(client.Properties.EnableTokenRevocation).toBe(true);
    expect(client.Properties.PreventUserExistenceErrors).toBe('ENABLED');
  });

  it('reads the organisation but cannot write it', () => {
    expect(client.Properties.ReadAttributes).toContain(organisationClaim);
    expect(client.Properties.WriteAttributes).not.toContain(organisationClaim);
    expect(client.Properties.WriteAttributes.some((a: string) => a.startsWith('custom:'))).toBe(false);
  });
});
