// State a user creates through the API of a running `npm start`, and the reads that prove it is
// still there after a restart: a registered contractor (DynamoDB) and a published tender with a
// bidding document uploaded through its presigned URL (S3, via moto).
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { organisationBody, tenderBody } from '../tenders/fixtures.ts';
import { client, sha256 } from './npm-start.ts';

export interface UserState {
  readonly label: string;
  readonly contractorId: string;
  readonly tenderId: string;
  readonly documentId: string;
  readonly sha256: string;
  /** When S3 (moto) acknowledged the document's body: the state's last write to S3. */
  readonly storedAt: number;
}

export async function createUserState(url: string, dataDir: string, label: string): Promise<UserState> {
  const api = await client(url, dataDir);
  const contractor = await api.call('POST', '/contractors', {
    token: await api.token(`contractor-${label}`, 'contractor'),
    body: {
      name: `Công ty ${label}`,
      enterpriseCode: `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      address: { street: '1 Phố Huế', province: 'Hà Nội' },
      contacts: [{ name: 'A', email: 'a@example.vn' }],
      representatives: [{ name: 'B', title: 'Giám đốc' }],
    },
  });
  expect(contractor.status, JSON.stringify(contractor.body)).toBe(201);

  const organisation = await api.call('POST', '/organisations', {
    token: await api.token('admin', 'admin'),
    body: organisationBody(),
  });
  expect(organisation.status, JSON.stringify(organisation.body)).toBe(201);
  const entity = await api.token(`pe-${label}`, 'procuring-entity', organisation.body.organisationId);
  const draft = await api.call('POST', '/tenders', { token: entity, body: tenderBody() });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const tenderId = draft.body.tenderId as string;
  const bytes = Buffer.from(`%PDF-1.7\nHồ sơ mời thầu ${label}\n%%EOF\n`);
  const ticket = await api.call('POST', `/tenders/${tenderId}/documents`, {
    token: entity,
    body: {
      fileName: 'Hồ sơ mời thầu.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
  });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  const put = await fetch(ticket.body.uploadUrl, {
    method: 'PUT',
    body: new Uint8Array(bytes),
    headers: ticket.body.headers,
  });
  const storedAt = Date.now();
  expect(put.status).toBe(200);
  const documentId = ticket.body.document.documentId as string;
  const confirmed = await api.call('POST', `/tenders/${tenderId}/documents/${documentId}/confirm`, {
    token: entity,
  });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  const published = await api.call('POST', `/tenders/${tenderId}/publish`, {
    token: entity,
    headers: { 'if-match': '"2"' },
  });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return {
    label,
    contractorId: contractor.body.contractorId,
    tenderId,
    documentId,
    sha256: sha256(bytes),
    storedAt,
  };
}

/** Reads the state back through the API, and the document's bytes from S3 through its download URL. */
export async function expectUserState(url: string, dataDir: string, state: UserState): Promise<void> {
  const api = await client(url, dataDir);
  const eligibility = await api.call('GET', `/contractors/${state.contractorId}/eligibility`);
  expect(eligibility.status, `${state.label}: contractor`).toBe(200);
  const tender = await api.call('GET', `/tenders/${state.tenderId}`);
  expect(tender.status, `${state.label}: tender`).toBe(200);
  expect(tender.body.status).toBe('published');
  const link = await api.call('GET', `/tenders/${state.tenderId}/documents/${state.documentId}`);
  expect(link.status, `${state.label}: document link ${JSON.stringify(link.body)}`).toBe(200);
  const download = await fetch(link.body.url);
  expect(download.status, `${state.label}: document in S3`).toBe(200);
  expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(state.sha256);
}
