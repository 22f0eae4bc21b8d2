// A procuring-entity token naming an organisation that is not registered is refused on every
// procuring-entity call with 403 ORGANISATION_UNKNOWN, before the handler acts or reads anything
// for it; the same call with a registered organisation goes through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from '../../shared/runtime/ids.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import {
  type Entity,
  ifMatch,
  organisationBody,
  procuringEntity,
  publishedTender,
  storedTender,
  tenderBody,
} from './fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
let ghost: string;
let tender: { tenderId: string; version: number; [k: string]: any };
beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
  tender = await publishedTender(cloud, entity);
  ghost = await cloud.token(`pe-${crypto.randomUUID()}`, 'procuring-entity', ulid());
});
afterAll(() => cloud?.stop());

const calls = (): [string, string, Record<string, unknown>?][] => [
  ['GET', '/entity/tenders'],
  ['GET', `/entity/tenders/${tender.tenderId}`],
  ['POST', '/tenders', { body: tenderBody() }],
  [
    'POST',
    `/tenders/${tender.tenderId}/amendments`,
    { body: { changes: { title: 'Ghost' }, note: 'x' }, headers: ifMatch(tender.version) },
  ],
  [
    'POST',
    `/tenders/${tender.tenderId}/documents`,
    { body: { fileName: 'hsmt.pdf', contentType: 'application/pdf', size: 10, sha256: '0'.repeat(64) } },
  ],
  ['POST', `/tenders/${tender.tenderId}/questions/${ulid()}/answer`, { body: { answer: 'Có.' } }],
  ['GET', `/entity/tenders/${tender.tenderId}/questions`],
  ['GET', `/entity/tenders/${tender.tenderId}/evaluation`],
  ['GET', `/entity/tenders/${tender.tenderId}/bids`],
  ['GET', '/me/notifications'],
];

describe('a procuring-entity token for an unregistered organisation', () => {
  it('is refused on every procuring-entity route with 403 ORGANISATION_UNKNOWN', async () => {
    // In parallel: each route's function starts cold.
    const routes = calls();
    const answers = await Promise.all(
      routes.map(async ([method, path, options]) => {
        const response = await cloud.call(method, path, { token: ghost, ...options });
        return [method, path, response.status, response.body?.code];
      }),
    );
    expect(answers).toEqual(routes.map(([method, path]) => [method, path, 403, 'ORGANISATION_UNKNOWN']));
    // Nothing was done on its behalf.
    expect((await storedTender(tender.tenderId))?.version).toBe(tender.version);
  });

  it('leaves a registered organisation alone', async () => {
    for (const path of ['/entity/tenders', `/entity/tenders/${tender.tenderId}`, '/me/notifications']) {
      const response = await cloud.call('GET', path, { token: entity.token });
      expect([path, response.status]).toEqual([path, 200]);
    }
  });

  it('works at once for an organisation registered a moment ago', async () => {
    const admin = await cloud.token('admin-tests', 'admin');
    const created = await cloud.call('POST', '/organisations', { token: admin, body: organisationBody() });
    expect(created.status).toBe(201);
    const token = await cloud.token('pe-late', 'procuring-entity', created.body.organisationId);
    expect((await cloud.call('GET', '/entity/tenders', { token })).status).toBe(200);
  });
});
