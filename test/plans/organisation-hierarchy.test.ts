// The organisation hierarchy (the city → departments and districts → their boards): parents set by
// admins at registration or later, descendants read for roll-ups, cycles and unknown parents
// refused as problems; stored CHILD items checked through the entity declaration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationChildEntity } from '../../shared/entities/hierarchy.ts';
import { organisationEntity } from '../../shared/entities/parties.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { auditEventsOf, ifMatch, organisationBody, storedItem } from '../tenders/fixtures.ts';

let cloud: TestCloud;
let admin: string;
beforeAll(async () => {
  cloud = await startTestCloud();
  admin = await cloud.token('admin-hierarchy', 'admin');
});
afterAll(() => cloud?.stop());

async function register(name: string, parentId?: string) {
  const response = await cloud.call('POST', '/organisations', {
    token: admin,
    body: { ...organisationBody(), name, ...(parentId ? { parentId } : {}) },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { organisationId: string; version: number };
}

const childItem = (parentId: string, organisationId: string) =>
  storedItem(
    'TABLE_PARTIES',
    organisationChildEntity.pk({ parentId }),
    organisationChildEntity.sk({ organisationId }),
  );

const descendants = async (id: string) => {
  const response = await cloud.call('GET', `/organisations/${id}/descendants`);
  expect(response.status).toBe(200);
  return (response.body.items as any[]).map((d) => [d.name, d.depth]);
};

describe('the organisation hierarchy', () => {
  it('places organisations under parents, lists descendants, and refuses cycles', async () => {
    const city = await register('UBND Thành phố Hà Nội');
    const department = await register('Sở Giáo dục và Đào tạo', city.organisationId);
    const board = await register('Ban Quản lý dự án giáo dục');
    expect(await childItem(city.organisationId, department.organisationId)).toMatchObject({
      parentId: city.organisationId,
    });

    const placed = await cloud.call('PUT', `/organisations/${board.organisationId}/parent`, {
      token: admin,
      headers: ifMatch(board.version),
      body: { parentId: department.organisationId },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    expect(placed.body).toMatchObject({ parentId: department.organisationId, version: 2 });
    expect(
      await storedItem(
        'TABLE_PARTIES',
        organisationEntity.pk({ organisationId: board.organisationId }),
        organisationEntity.sk({}),
      ),
    ).toMatchObject({ parentId: department.organisationId, version: 2 });
    expect(await childItem(department.organisationId, board.organisationId)).toBeDefined();
    expect(await descendants(city.organisationId)).toEqual([
      ['Sở Giáo dục và Đào tạo', 1],
      ['Ban Quản lý dự án giáo dục', 2],
    ]);
    expect(await descendants(board.organisationId)).toEqual([]);

    // The city under its own board (a cycle), under itself, under no one known: refused.
    for (const parentId of [board.organisationId, city.organisationId]) {
      const cycle = await cloud.call('PUT', `/organisations/${city.organisationId}/parent`, {
        token: admin,
        headers: ifMatch(city.version),
        body: { parentId },
      });
      expect(cycle.status).toBe(422);
      expect(cycle.body).toMatchObject({
        code: 'ORGANISATION_HIERARCHY_CYCLE',
        errors: [{ field: 'body.parentId' }],
      });
    }
    const unknown = await cloud.call('PUT', `/organisations/${city.organisationId}/parent`, {
      token: admin,
      headers: ifMatch(city.version),
      body: { parentId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('ORGANISATION_PARENT_UNKNOWN');
    const unknownAtRegistration = await cloud.call('POST', '/organisations', {
      token: admin,
      body: { ...organisationBody(), parentId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
    });
    expect(unknownAtRegistration.status).toBe(422);
    expect(unknownAtRegistration.body.errors[0].field).toBe('body.parentId');
    expect(
      await storedItem(
        'TABLE_PARTIES',
        organisationEntity.pk({ organisationId: city.organisationId }),
        organisationEntity.sk({}),
      ),
    ).not.toHaveProperty('parentId');

    // Only admins, with If-Match, and a well-formed body.
    const pe = await cloud.token('pe-h', 'procuring-entity', city.organisationId);
    expect(
      (
        await cloud.call('PUT', `/organisations/${board.organisationId}/parent`, {
          token: pe,
          headers: ifMatch(2),
          body: { parentId: null },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await cloud.call('PUT', `/organisations/${board.organisationId}/parent`, {
          token: admin,
          body: { parentId: null },
        })
      ).status,
    ).toBe(428);
    const malformed = await cloud.call('PUT', `/organisations/${board.organisationId}/parent`, {
      token: admin,
      headers: ifMatch(2),
      body: { parentId: 'not-an-id' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('body.parentId');

    // Back to a root: the department's CHILD item goes, the roll-up shrinks.
    const root = await cloud.call('PUT', `/organisations/${board.organisationId}/parent`, {
      token: admin,
      headers: ifMatch(2),
      body: { parentId: null },
    });
    expect(root.status).toBe(200);
    expect(root.body.parentId).toBeUndefined();
    expect(await childItem(department.organisationId, board.organisationId)).toBeUndefined();
    expect(await descendants(city.organisationId)).toEqual([['Sở Giáo dục và Đào tạo', 1]]);
    expect((await auditEventsOf('organisation', board.organisationId)).map((e) => e.action)).toEqual([
      'organisation.created',
      'organisation.parent-set',
      'organisation.parent-set',
    ]);
  });
});
