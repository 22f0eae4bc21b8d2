import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../shared/db/client.ts';
import { contractorEntity, ownerClaimEntity } from '../../shared/entities/parties.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.stop());

let codeCounter = Math.floor(Math.random() * 1e8);
const uniqueCode = () => `09${String(codeCounter++).padStart(8, '0')}`;
const registration = (code = uniqueCode()) => ({
  name: 'Công ty TNHH Thử nghiệm',
  enterpriseCode: code,
  address: { street: '12 Tràng Tiền', province: 'Hà Nội' },
  contacts: [{ name: 'Lê Văn C', email: 'c@example.vn', phone: '+84 24 1234 5678' }],
  representatives: [{ name: 'Phạm Thị D', title: 'Giám đốc' }],
});

async function auditEventsFor(objectId: string) {
  const result = await db.send(
    new QueryCommand({
      TableName: process.env.TABLE_AUDIT,
      IndexName: 'byObject',
      KeyConditionExpression: 'objectKey = :k',
      ExpressionAttributeValues: { ':k': `contractor#${objectId}` },
    }),
  );
  return result.Items ?? [];
}

async function register(sub = `user-${crypto.randomUUID()}`, body: unknown = registration()) {
  const token = await cloud.token(sub, 'contractor');
  const response = await cloud.call('POST', '/contractors', { token, body });
  return { token, sub, response };
}

describe('contractor registration', () => {
  it('registers a contractor, stores it, and writes its audit event in the same transaction', async () => {
    const { response, sub } = await register();
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body).toMatchObject({ status: 'active', version: 1, name: 'Công ty TNHH Thử nghiệm' });
    const id = response.body.contractorId as string;
    const stored = await db.send(
      new GetCommand({
        TableName: process.env.TABLE_PARTIES,
        Key: contractorEntity.key({ contractorId: id }),
      }),
    );
    expect(stored.Item).toMatchObject({ contractorId: id, ownerSub: sub, status: 'active' });
    const events = await auditEventsFor(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'contractor.registered', actor: { sub, role: 'contractor' } });
    expect(events[0]?.changeHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('normalises a 13-digit branch code and refuses malformed codes naming the field', async () => {
    const ok = await register(undefined, registration(`${uniqueCode()}001`));
    expect(ok.response.status).toBe(201);
    expect(ok.response.body.enterpriseCode).toMatch(/^\d{10}-001$/);
    const bad = await register(undefined, registration('12345'));
    expect(bad.response.status).toBe(400);
    expect(bad.response.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.response.body.errors).toContainEqual(
      expect.objectContaining({ field: 'body.enterpriseCode' }),
    );
  });

  it('refuses a duplicate enterprise code with 409 and leaves no trace of the refused attempt', async () => {
    const code = uniqueCode();
    const first = await register(undefined, registration(code));
    expect(first.response.status).toBe(201);
    const second = await register(undefined, registration(code));
    expect(second.response.status).toBe(409);
    expect(second.response.body.errors).toContainEqual(
      expect.objectContaining({ field: 'body.enterpriseCode' }),
    );
    const owner = await db.send(
      new GetCommand({
        TableName: process.env.TABLE_PARTIES,
        Key: ownerClaimEntity.key({ sub: second.sub }),
      }),
    );
    expect(owner.Item).toBeUndefined();
  });

  it('lets one account register only one contractor', async () => {
    const { sub } = await register();
    const again = await register(sub);
    expect(again.response.status).toBe(409);
  });

  it('refuses unknown fields and client-set status, ids, timestamps and versions', async () => {
    for (const extra of [
      { status: 'active' },
      { contractorId: 'x' },
      { createdAt: '2020-01-01T00:00:00Z' },
      { version: 9 },
      { ownerSub: 'x' },
    ]) {
      const { response } = await register(undefined, { ...registration(), ...extra });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].message).toContain('unknown field');
    }
  });

  it('answers bad JSON, a wrong content type and an oversize body with 4xx, never 500', async () => {
    const token = await cloud.token('someone', 'contractor');
    const badJson = await cloud.call('POST', '/contractors', {
      token,
      rawBody: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    const wrongType = await cloud.call('POST', '/contractors', {
      token,
      rawBody: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    const huge = await cloud.call('POST', '/contractors', {
      token,
      body: { ...registration(), name: 'x'.repeat(100_000) },
    });
    expect(huge.status).toBe(413);
  });

  it('needs a token and the contractor role', async () => {
    expect((await cloud.call('POST', '/contractors', { body: registration() })).status).toBe(401);
    const pe = await cloud.token('pe', 'procuring-entity', 'org-1');
    expect((await cloud.call('POST', '/contractors', { token: pe, body: registration() })).status).toBe(403);
    const forged = `${await cloud.token('x', 'contractor')}x`;
    expect((await cloud.call('POST', '/contractors', { token: forged, body: registration() })).status).toBe(
      401,
    );
  });
});

describe('contractor profile', () => {
  it('lets only the owner change the profile, with optimistic concurrency', async () => {
    const { token, response } = await register();
    const id = response.body.contractorId as string;
    const path = `/contractors/${id}`;
    const noIfMatch = await cloud.call('PATCH', path, { token, body: { name: 'Tên mới' } });
    expect(noIfMatch.status).toBe(428);
    const updated = await cloud.call('PATCH', path, {
      token,
      body: { name: 'Tên mới' },
      headers: { 'if-match': '"1"' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Tên mới', version: 2 });
    const stale = await cloud.call('PATCH', path, {
      token,
      body: { name: 'Lost update' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');

    const other = await cloud.token('intruder', 'contractor');
    const denied = await cloud.call('PATCH', path, {
      token: other,
      body: { name: 'Hijack' },
      headers: { 'if-match': '"2"' },
    });
    expect(denied.status).toBe(403);
    const statusByOwner = await cloud.call('PATCH', path, {
      token,
      body: { status: 'active' },
      headers: { 'if-match': '"2"' },
    });
    expect(statusByOwner.status).toBe(400);
    const stored = await db.send(
      new GetCommand({
        TableName: process.env.TABLE_PARTIES,
        Key: contractorEntity.key({ contractorId: id }),
      }),
    );
    expect(stored.Item).toMatchObject({ name: 'Tên mới', version: 2 });
    expect(await auditEventsFor(id)).toHaveLength(2);
  });

  it('shows contact details to the owner and auditors but only the public view to others', async () => {
    const { token, response } = await register();
    const id = response.body.contractorId as string;
    const own = await cloud.call('GET', `/contractors/${id}`, { token });
    expect(own.body.contacts).toBeDefined();
    const auditor = await cloud.call('GET', `/contractors/${id}`, {
      token: await cloud.token('aud', 'auditor'),
    });
    expect(auditor.body.contacts).toBeDefined();
    const other = await cloud.call('GET', `/contractors/${id}`, {
      token: await cloud.token('c2', 'contractor'),
    });
    expect(other.status).toBe(200);
    expect(other.body.contacts).toBeUndefined();
    expect(other.body.province).toBe('Hà Nội');
  });
});

describe('contractor status and eligibility', () => {
  it('lets admins and auditors debar with a reason and period, and eligibility follows', async () => {
    const { token, response } = await register();
    const id = response.body.contractorId as string;
    const eligibleBefore = await cloud.call('GET', `/contractors/${id}/eligibility`);
    expect(eligibleBefore.body).toMatchObject({ eligible: true, status: 'active' });

    const selfDebar = await cloud.call('PUT', `/contractors/${id}/status`, {
      token,
      body: { status: 'active' },
      headers: { 'if-match': '"1"' },
    });
    expect(selfDebar.status).toBe(403);

    const admin = await cloud.token('admin-1', 'admin');
    const noReason = await cloud.call('PUT', `/contractors/${id}/status`, {
      token: admin,
      body: { status: 'debarred' },
      headers: { 'if-match': '"1"' },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toContainEqual(expect.objectContaining({ field: 'body.reason' }));

    const until = new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z');
    const debarred = await cloud.call('PUT', `/contractors/${id}/status`, {
      token: admin,
      body: { status: 'debarred', reason: 'collusive bidding (Art. 16)', until },
      headers: { 'if-match': '"1"' },
    });
    expect(debarred.status).toBe(200);
    const eligibility = await cloud.call('GET', `/contractors/${id}/eligibility`);
    expect(eligibility.body).toMatchObject({ eligible: false, status: 'debarred' });
    expect(eligibility.body.reason).toContain('collusive bidding');

    const reinstated = await cloud.call('PUT', `/contractors/${id}/status`, {
      token: await cloud.token('aud-1', 'auditor'),
      body: { status: 'active' },
      headers: { 'if-match': '"2"' },
    });
    expect(reinstated.status).toBe(200);
    expect(reinstated.body.statusReason).toBeUndefined();
    expect((await cloud.call('GET', `/contractors/${id}/eligibility`)).body.eligible).toBe(true);
  });

  it('returns 404 for unknown contractors and 400 for malformed ids', async () => {
    expect((await cloud.call('GET', '/contractors/01ARZ3NDEKTSV4RRFFQ69G5FAV/eligibility')).status).toBe(404);
    const malformed = await cloud.call('GET', '/contractors/not-an-id/eligibility');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('path.contractorId');
  });
});
