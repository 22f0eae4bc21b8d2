// OCDS publication through the real HTTP path: tenders published, amended and cancelled through
// the API, read back as release and record packages, each validated against the official schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bidder, startOwnCloud, storedMeta, submitBid } from '../opening/support.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import {
  createDraft,
  dayMs,
  type Entity,
  fromNow,
  ifMatch,
  procuringEntity,
  publishedTender,
} from '../tenders/fixtures.ts';
import { validateRecordPackage, validateReleasePackage } from './validator.ts';

let cloud: TestCloud;
let entity: Entity;
const BIDS_EXTENSION =
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json';

beforeAll(async () => {
  cloud = await startOwnCloud();
  entity = await procuringEntity(cloud);
});
afterAll(() => cloud?.stop());

async function releasesOf(tenderId: string) {
  const response = await cloud.call('GET', `/ocds/tenders/${tenderId}/releases`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const verdict = validateReleasePackage(response.body);
  expect(verdict.valid, verdict.errors).toBe(true);
  return response.body;
}

async function recordOf(tenderId: string) {
  const response = await cloud.call('GET', `/ocds/tenders/${tenderId}/record`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const verdict = validateRecordPackage(response.body);
  expect(verdict.valid, verdict.errors).toBe(true);
  return response.body;
}

async function amend(tenderId: string, version: number, changes: Record<string, unknown>, note: string) {
  const response = await cloud.call('POST', `/tenders/${tenderId}/amendments`, {
    token: entity.token,
    headers: ifMatch(version),
    body: { changes, note },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.tender as { version: number; [k: string]: any };
}

describe('a published tender', () => {
  it('is a valid release package: ocid, tag, tender period, VND value as an integer, buyer party', async () => {
    const tender = await publishedTender(cloud, entity);
    const pkg = await releasesOf(tender.tenderId);
    expect(pkg).toMatchObject({
      uri: `${cloud.url}/ocds/tenders/${tender.tenderId}/releases`,
      version: '1.1',
      publisher: { name: 'Hệ thống đấu thầu điện tử (eproc)' },
      publishedDate: tender.publishedAt,
    });
    expect(pkg.extensions).toContain(BIDS_EXTENSION);
    expect(pkg.releases).toHaveLength(1);
    const [release] = pkg.releases;
    expect(release).toMatchObject({
      ocid: `ocds-eproc01-${tender.tenderId}`,
      id: `ocds-eproc01-${tender.tenderId}-rev-1`,
      date: tender.publishedAt,
      tag: ['tender'],
      buyer: { id: `org-${entity.organisationId}`, name: tender.buyerName },
    });
    expect(release.tender).toMatchObject({
      id: tender.tenderId,
      status: 'active',
      procurementMethod: 'open',
      mainProcurementCategory: 'goods',
      awardCriteria: 'priceOnly',
      submissionMethod: ['electronicSubmission'],
      tenderPeriod: { startDate: tender.publishedAt, endDate: tender.submissionDeadline },
      enquiryPeriod: { endDate: tender.questionsDeadline },
      value: { amount: 2_500_000_000, currency: 'VND' },
    });
    expect(Number.isInteger(release.tender.value.amount)).toBe(true);
    expect(release.tender.lots.map((l: any) => [l.id, l.value.amount])).toEqual(
      tender.lots.map((l: any) => [l.lotId, l.estimatedValue]),
    );
    expect(release.parties).toEqual([
      expect.objectContaining({
        id: `org-${entity.organisationId}`,
        roles: ['buyer', 'procuringEntity'],
        identifier: expect.objectContaining({ legalName: tender.buyerName }),
        address: expect.objectContaining({ region: 'Hà Nội', countryName: 'Việt Nam' }),
      }),
    ]);
    // Reading is reading: the stored tender did not move.
    expect(await storedMeta(tender.tenderId)).toMatchObject({ version: tender.version, status: 'published' });
  });
});

describe('an amended tender', () => {
  it('has one release per revision, and the record compiles to the latest values', async () => {
    const tender = await publishedTender(cloud, entity);
    const [lot1, lot2] = tender.lots;
    const newDeadline = fromNow(40 * dayMs);
    const v2 = await amend(
      tender.tenderId,
      tender.version,
      {
        title: 'Mua sắm máy tính (sửa đổi)',
        lots: [
          {
            lotId: lot1.lotId,
            title: lot1.title,
            estimatedValue: 2_200_000_000,
            bidSecurityAmount: 30_000_000,
          },
          // Lots cannot be removed once published (bids may be sealed on them): lot 2 stays as it was.
          {
            lotId: lot2.lotId,
            title: lot2.title,
            estimatedValue: lot2.estimatedValue,
            bidSecurityAmount: lot2.bidSecurityAmount,
          },
        ],
      },
      'Tăng giá lô 1',
    );
    await amend(tender.tenderId, v2.version, { submissionDeadline: newDeadline }, 'Gia hạn');

    const pkg = await releasesOf(tender.tenderId);
    const ocid = `ocds-eproc01-${tender.tenderId}`;
    expect(pkg.releases.map((r: any) => [r.id, r.tag])).toEqual([
      [`${ocid}-rev-1`, ['tender']],
      [`${ocid}-rev-2`, ['tenderAmendment']],
      [`${ocid}-rev-3`, ['tenderAmendment']],
    ]);
    const dates = pkg.releases.map((r: any) => Date.parse(r.date));
    expect([...dates].sort((a, b) => a - b)).toEqual(dates);
    expect(new Set(dates).size).toBe(3);
    expect(pkg.releases[2].tender.amendments.map((a: any) => [a.id, a.rationale, a.releaseID])).toEqual([
      ['rev-2', 'Tăng giá lô 1', `${ocid}-rev-2`],
      ['rev-3', 'Gia hạn', `${ocid}-rev-3`],
    ]);

    const record = await recordOf(tender.tenderId);
    expect(record.packages).toEqual([pkg.uri]);
    const [entry] = record.records;
    expect(entry.ocid).toBe(ocid);
    expect(entry.releases.map((r: any) => r.url)).toEqual(pkg.releases.map((r: any) => `${pkg.uri}#${r.id}`));
    const compiled = entry.compiledRelease;
    expect(compiled.tag).toEqual(['compiled']);
    expect(compiled.date).toBe(pkg.releases[2].date);
    expect(compiled.tender.title).toBe('Mua sắm máy tính (sửa đổi)');
    expect(compiled.tender.tenderPeriod.endDate).toBe(new Date(newDeadline).toISOString());
    expect(compiled.tender.value).toEqual({ amount: 2_200_000_000 + lot2.estimatedValue, currency: 'VND' });
    expect(compiled.tender.lots).toEqual([
      { id: lot1.lotId, title: lot1.title, value: { amount: 2_200_000_000, currency: 'VND' } },
      { id: lot2.lotId, title: lot2.title, value: { amount: lot2.estimatedValue, currency: 'VND' } },
    ]);
    // The compiled state is the stored state.
    const meta = await storedMeta(tender.tenderId);
    expect(meta.revision).toBe(3);
    expect(compiled.tender.tenderPeriod.endDate).toBe(meta.submissionDeadline);
  });
});

describe('a cancelled tender', () => {
  it('maps to status cancelled with a tenderCancellation release', async () => {
    const tender = await publishedTender(cloud, entity);
    const cancelled = await cloud.call('POST', `/tenders/${tender.tenderId}/cancel`, {
      token: entity.token,
      headers: ifMatch(tender.version),
      body: { reason: 'Thay đổi nhu cầu' },
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const pkg = await releasesOf(tender.tenderId);
    expect(pkg.releases.map((r: any) => [r.tag[0], r.tender.status])).toEqual([
      ['tender', 'active'],
      ['tenderCancellation', 'cancelled'],
    ]);
    expect(pkg.releases[1].date).toBe(cancelled.body.cancelledAt);
    const record = await recordOf(tender.tenderId);
    expect(record.records[0].compiledRelease.tender.status).toBe('cancelled');
    expect(record.records[0].compiledRelease.tender.documents).toContainEqual(
      expect.objectContaining({ documentType: 'cancellationDetails', description: 'Thay đổi nhu cầu' }),
    );
    expect((await storedMeta(tender.tenderId)).status).toBe('cancelled');
  });
});

describe('what is not public', () => {
  it('a draft, a draft cancelled before publication and an unknown id are 404; a malformed id is 400', async () => {
    const draft = await createDraft(cloud, entity);
    const cancelledDraft = await createDraft(cloud, entity);
    const cancel = await cloud.call('POST', `/tenders/${cancelledDraft.tenderId}/cancel`, {
      token: entity.token,
      headers: ifMatch(cancelledDraft.version),
      body: { reason: 'không cần nữa' },
    });
    expect(cancel.status).toBe(200);
    for (const id of [draft.tenderId, cancelledDraft.tenderId, '01JZZZZZZZZZZZZZZZZZZZZZZZ']) {
      for (const route of ['releases', 'record']) {
        const response = await cloud.call('GET', `/ocds/tenders/${id}/${route}`);
        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
      }
    }
    const bad = await cloud.call('GET', '/ocds/tenders/not-an-id/releases');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(['path.tenderId']);
    const feed = await cloud.call('GET', '/ocds/releases?limit=50');
    const text = JSON.stringify(feed.body);
    expect(text).not.toContain(draft.tenderId);
    expect(text).not.toContain(cancelledDraft.tenderId);
  });

  it('names no bidder, and counts no bid, before the opening minutes are public', async () => {
    const tender = await publishedTender(cloud, entity);
    const who = await bidder('Công ty Bí Mật');
    await submitBid({
      tenderId: tender.tenderId,
      lotId: tender.lots[0].lotId,
      bidder: who,
      form: {
        currency: 'VND',
        price: 1_900_000_000,
        bidSecurity: { amount: 30_000_000 },
        validityDays: 120,
      },
    });
    const stored = await cloud.call('GET', `/ocds/tenders/${tender.tenderId}/record`);
    for (const body of [(await releasesOf(tender.tenderId)) as unknown, stored.body]) {
      const text = JSON.stringify(body);
      expect(text).not.toContain(who.contractorId);
      expect(text).not.toContain('Công ty Bí Mật');
      expect(text).not.toContain('numberOfTenderers');
      expect(text).not.toContain('"bids"');
    }
    expect(stored.body.records[0].compiledRelease.parties).toHaveLength(1);
  });
});

describe('the release feed', () => {
  it('pages through published tenders as valid packages, and `since` leaves older releases out', async () => {
    const older = await publishedTender(cloud, entity);
    const since = new Date().toISOString();
    const newer = await publishedTender(cloud, entity, { submissionDeadline: fromNow(60 * dayMs) });

    const all = await cloud.call('GET', '/ocds/releases?limit=50');
    expect(all.status).toBe(200);
    const verdict = validateReleasePackage(all.body);
    expect(verdict.valid, verdict.errors).toBe(true);
    const ocids = new Set(all.body.releases.map((r: any) => r.ocid));
    expect(ocids).toContain(`ocds-eproc01-${older.tenderId}`);
    expect(ocids).toContain(`ocds-eproc01-${newer.tenderId}`);
    // Every release of every tender on the page, as its own route gives them.
    const own = await releasesOf(newer.tenderId);
    expect(all.body.releases.filter((r: any) => r.ocid === own.releases[0].ocid)).toEqual(own.releases);

    const recent = await cloud.call('GET', `/ocds/releases?since=${encodeURIComponent(since)}`);
    expect(recent.status).toBe(200);
    const recentOcids = recent.body.releases.map((r: any) => r.ocid);
    expect(recentOcids).toContain(`ocds-eproc01-${newer.tenderId}`);
    expect(recentOcids).not.toContain(`ocds-eproc01-${older.tenderId}`);
    for (const r of recent.body.releases)
      expect(Date.parse(r.date)).toBeGreaterThanOrEqual(Date.parse(since));

    // One tender a page: following links.next visits each tender once.
    const seen: string[] = [];
    let url: string | undefined = `${cloud.url}/ocds/releases?limit=1`;
    for (let pages = 0; url && pages < 200; pages++) {
      const page = await cloud.call('GET', url.slice(cloud.url.length));
      expect(page.status).toBe(200);
      expect(page.body.uri).toBe(url);
      if (page.body.releases.length > 0) {
        const v = validateReleasePackage(page.body);
        expect(v.valid, v.errors).toBe(true);
      }
      seen.push(...new Set<string>(page.body.releases.map((r: any) => r.ocid)));
      url = page.body.links?.next;
      if (url) expect(url).toContain(`cursor=${page.body.nextCursor}`);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(ocids);
  });

  it('refuses a malformed since and a cursor issued for another since, naming the field', async () => {
    const bad = await cloud.call('GET', '/ocds/releases?since=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(['query.since']);
    const first = await cloud.call('GET', '/ocds/releases?limit=1');
    expect(first.body.nextCursor).toBeDefined();
    const other = await cloud.call(
      'GET',
      `/ocds/releases?limit=1&since=2020-01-01T00:00:00Z&cursor=${first.body.nextCursor}`,
    );
    expect(other.status).toBe(400);
    expect(other.body.errors.map((e: any) => e.field)).toEqual(['query.cursor']);
    const tooMany = await cloud.call('GET', '/ocds/releases?limit=500');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.map((e: any) => e.field)).toEqual(['query.limit']);
  });
});
