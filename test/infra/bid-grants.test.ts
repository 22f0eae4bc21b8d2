// CDK: the role of the function that accepts bids has s3:GetObjectAttributes on sealed envelopes,
// and no s3:GetObject on the bids bucket and no kms:Decrypt on the tender keys or the bucket's key.
import { describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import { resourceLabeler } from './support/resource-labels.ts';
import { stage, synth } from './support/synth.ts';
import { functionRoles, list, policyDocuments } from './support/template-walk.ts';

describe('the bid-committing role', () => {
  const { json } = synth();
  const label = resourceLabeler(json.data, stage);
  const committing = Object.entries(functionSpecs).find(
    ([, spec]) =>
      spec.trigger.kind === 'http' && spec.trigger.routes.some((r) => r.operationId === 'commitBid'),
  )?.[0];
  const role = committing ? functionRoles(json.api, stage).get(committing)?.role : undefined;
  const allowed = () =>
    policyDocuments(json.api)
      .filter((d) => role && d.roles.includes(role))
      .flatMap((d) => d.statements)
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) =>
        list(s.Action).flatMap((action) => list(s.Resource).map((r) => `${action} on ${label(r)}`)),
      );

  it('exists', () => {
    expect(role).toBeDefined();
  });

  it('may read the attributes of sealed envelopes, and nothing else of the bids bucket', () => {
    const grants = allowed();
    expect(grants).toContain('s3:GetObjectAttributes on objects:bids/tenders/*');
    expect(grants.filter((g) => /objects:bids|bucketKey:bids/.test(g))).toEqual([
      's3:GetObjectAttributes on objects:bids/tenders/*',
    ]);
  });

  it('cannot decrypt with the tender keys or the bids bucket key', () => {
    const decrypts = allowed().filter((g) => g.startsWith('kms:Decrypt on '));
    expect(decrypts.length).toBeGreaterThan(0); // its tables' keys, through DynamoDB
    expect(decrypts.filter((g) => /key:tenderKeys|bucketKey:bids/.test(g))).toEqual([]);
    expect(decrypts.every((g) => g.startsWith('kms:Decrypt on tableKey:'))).toBe(true);
  });
});

describe('the bidders key (pseudonyms of who bid)', () => {
  const { json } = synth();
  const label = resourceLabeler(json.data, stage);
  const uses = new Map<string, string[]>();
  for (const [name, { role }] of functionRoles(json.api, stage)) {
    const actions = policyDocuments(json.api)
      .filter((d) => d.roles.includes(role))
      .flatMap((d) => d.statements)
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) => (list(s.Resource).some((r) => label(r) === 'key:bidders') ? list(s.Action) : []));
    if (actions.length > 0) uses.set(name, actions.sort());
  }

  it('derives pseudonyms in the bid functions alone, and never decrypts', () => {
    expect(Object.fromEntries(uses)).toEqual({
      bidUploads: ['kms:GenerateMac'],
      bidCommit: ['kms:GenerateMac'],
      bidQueries: ['kms:GenerateMac'],
    });
  });
});
