// Pagination cursors are authenticated (shared/http/cursor.ts): a client can hand one back, never
// make or move one. A forged cursor (in the old unauthenticated format, its filter fingerprint
// recomputed, an ExclusiveStartKey of another partition inside), a tampered, truncated or
// re-encoded one, and a genuine one replayed on another route, for other filters or by another
// caller are each a 400 CURSOR_INVALID naming query.cursor.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/canonical/canonical-json.ts';
import { organisationEntity } from '../../shared/entities/parties.ts';
import { tenderEntity } from '../../shared/entities/tenders.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { createDraft, type Entity, procuringEntity, publishedTender } from './fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
  await publishedTender(cloud, entity);
  await publishedTender(cloud, entity);
}, 180_000);
afterAll(() => cloud?.stop());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
// What anyone could compute for the old cursors: an unkeyed hash of the filters.
const oldFingerprint = (scope: unknown) =>
  createHash('sha256').update(canonicalJson(scope)).digest('base64url').slice(0, 16);

function expectCursorInvalid(response: { status: number; headers: Headers; body: any }) {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body.code).toBe('CURSOR_INVALID');
  expect(response.body.errors).toEqual([{ field: 'query.cursor', message: expect.any(String) }]);
}

async function firstPage(path: string, token?: string) {
  const page = await cloud.call('GET', path, token ? { token } : {});
  expect(page.status, JSON.stringify(page.body)).toBe(200);
  expect(page.body.nextCursor).toEqual(expect.any(String));
  return page.body.nextCursor as string;
}

describe('pagination cursors', () => {
  it('refuses a forged cursor on the public tender list: another partition, a wrong key shape', async () => {
    const forgedKeys = [
      // A cancelled tender's place in the byStatus index, handed to the query of published ones.
      {
        ...tenderEntity.key({ tenderId: 'x' }),
        ...tenderEntity.indexKey('byStatus', {
          status: 'cancelled',
          submissionDeadline: '2030-01-01T00:00:00.000Z',
          tenderId: 'x',
        }),
      },
      // The organisation partition of the parties table; and keys DynamoDB cannot take at all.
      {
        ...organisationEntity.key({ organisationId: 'x' }),
        ...organisationEntity.indexKey('all', { organisationId: 'x' }),
      },
      { pk: 1 },
      { gsi1pk: { S: 'x' } },
    ];
    for (const k of forgedKeys) {
      const forged = b64({ f: oldFingerprint({}), p: 0, k });
      expectCursorInvalid(await cloud.call('GET', `/tenders?cursor=${forged}`));
    }
    // The raw DynamoDB key the other lists used to take as their cursor.
    expectCursorInvalid(
      await cloud.call(
        'GET',
        `/organisations?cursor=${b64({ ...tenderEntity.key({ tenderId: 'x' }), gsi1pk: 'X', gsi1sk: 'y' })}`,
      ),
    );
    expectCursorInvalid(await cloud.call('GET', `/contractors?cursor=${b64({ pk: 7 })}`));
  });

  it('pages with the cursors it issues, and refuses them tampered, truncated or re-encoded', async () => {
    const cursor = await firstPage('/tenders?limit=1');
    const next = await cloud.call('GET', `/tenders?limit=1&cursor=${cursor}`);
    expect(next.status).toBe(200);
    expect(next.body.items).toHaveLength(1);

    const bytes = Buffer.from(cursor, 'base64url');
    const flipped = (at: number) => {
      const copy = Buffer.from(bytes);
      copy[at] = (copy[at] as number) ^ 0x01;
      return copy.toString('base64url');
    };
    for (const bad of [
      flipped(0), // version
      flipped(5), // MAC
      flipped(bytes.length - 2), // payload
      cursor.slice(0, -4),
      cursor.slice(0, 20),
      `${cursor}A`,
      `${cursor}=`,
      cursor.replace(/[A-Za-z]/, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())),
    ]) {
      expectCursorInvalid(await cloud.call('GET', `/tenders?limit=1&cursor=${encodeURIComponent(bad)}`));
    }
  });

  it('refuses a genuine cursor replayed for other filters or on another route', async () => {
    const cursor = await firstPage('/tenders?limit=1');
    expectCursorInvalid(await cloud.call('GET', `/tenders?limit=1&status=published&cursor=${cursor}`));
    expectCursorInvalid(await cloud.call('GET', `/tenders?limit=2&cursor=${cursor}`));
    expectCursorInvalid(await cloud.call('GET', `/ocds/releases?limit=1&cursor=${cursor}`));

    // Same index and key shape (parties byOwner), another route: organisations are not contractors.
    const organisations = await firstPage('/organisations?limit=1');
    expectCursorInvalid(await cloud.call('GET', `/contractors?limit=1&cursor=${organisations}`));
  });

  it('refuses a genuine cursor replayed by another caller', async () => {
    await createDraft(cloud, entity);
    await createDraft(cloud, entity);
    const cursor = await firstPage('/entity/tenders?limit=1', entity.token);
    const own = await cloud.call('GET', `/entity/tenders?limit=1&cursor=${cursor}`, { token: entity.token });
    expect(own.status).toBe(200);
    const colleague = await cloud.token(
      `pe-${crypto.randomUUID()}`,
      'procuring-entity',
      entity.organisationId,
    );
    expectCursorInvalid(
      await cloud.call('GET', `/entity/tenders?limit=1&cursor=${cursor}`, { token: colleague }),
    );
  });
});
