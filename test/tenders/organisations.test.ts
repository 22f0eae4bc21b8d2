// Procuring entities: registered by admins, listed publicly, codes unique.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationCodeClaimEntity, organisationEntity } from '../../shared/entities/parties.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { auditEventsOf, organisationBody, storedItem, uniqueOrgCode } from './fixtures.ts';

let cloud: TestCloud;
let admin: string;
beforeAll(async () => {
  cloud = await startTestCloud();
  admin = await cloud.token('admin-org-tests', 'admin');
});
afterAll(() => cloud?.stop());

describe('organisations', () => {
  it('lets an admin register one, stores it with a code claim and an audit event', async () => {
    const code = uniqueOrgCode();
    const created = await cloud.call('POST', '/organisations', {
      token: admin,
      body: organisationBody(code.toLowerCase()),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code, version: 1 });
    const id = created.body.organisationId as string;
    expect(
      await storedItem(
        'TABLE_PARTIES',
        organisationEntity.pk({ organisationId: id }),
        organisationEntity.sk({}),
      ),
    ).toMatchObject({
      organisationId: id,
      code,
      gsi1pk: organisationEntity.indexPk('all', {}),
    });
    expect(
      await storedItem(
        'TABLE_PARTIES',
        organisationCodeClaimEntity.pk({ code }),
        organisationCodeClaimEntity.sk({}),
      ),
    ).toMatchObject({
      organisationId: id,
    });
    const events = await auditEventsOf('organisation', id);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'organisation.created',
        actor: expect.objectContaining({ role: 'admin' }),
      }),
    ]);

    const duplicate = await cloud.call('POST', '/organisations', {
      token: admin,
      body: organisationBody(code),
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors[0].field).toBe('body.code');

    const publicView = await cloud.call('GET', `/organisations/${id}`);
    expect(publicView.status).toBe(200);
    expect(publicView.body.pk).toBeUndefined();
    let found = false;
    let cursor: string | undefined;
    do {
      const page = await cloud.call('GET', `/organisations?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      found ||= page.body.items.some((o: any) => o.organisationId === id);
      cursor = page.body.nextCursor;
    } while (cursor && !found);
    expect(found).toBe(true);
  });

  it('refuses non-admins, unknown fields and bad codes', async () => {
    const pe = await cloud.token('pe-x', 'procuring-entity', '01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect((await cloud.call('POST', '/organisations', { token: pe, body: organisationBody() })).status).toBe(
      403,
    );
    expect((await cloud.call('POST', '/organisations', { body: organisationBody() })).status).toBe(401);
    const withId = await cloud.call('POST', '/organisations', {
      token: admin,
      body: { ...organisationBody(), organisationId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
    });
    expect(withId.status).toBe(400);
    expect(withId.body.errors[0].field).toBe('body.organisationId');
    const badCode = await cloud.call('POST', '/organisations', {
      token: admin,
      body: organisationBody('a b'),
    });
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors[0].field).toBe('body.code');
    expect((await cloud.call('GET', '/organisations/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
  });
});
