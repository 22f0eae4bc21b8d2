// The pure mapping from stored state to OCDS releases and records, over the tender's whole life,
// every export validated against the official schemas (with the bids extension).
import { describe, expect, it } from 'vitest';
import { compileReleases, mergeObject } from '../../shared/ocds/merge.ts';
import { recordPackage, releasePackage } from '../../shared/ocds/packages.ts';
import { buildReleases } from '../../shared/ocds/releases.ts';
import {
  amendment,
  award,
  ids,
  minutes,
  minutesBid,
  ocid,
  options,
  publication,
  publishedTender,
  source,
} from './fixtures.ts';
import { validateRecordPackage, validateRelease, validateReleasePackage } from './validator.ts';

const meta = { uri: 'https://api.eproc.example/ocds/tenders/x/releases', publisherName: 'eproc' };

function expectValid(releases: ReturnType<typeof buildReleases>) {
  for (const r of releases) {
    const v = validateRelease(r);
    expect(v.valid, `${r.id}: ${v.errors}`).toBe(true);
  }
  const pkg = validateReleasePackage(releasePackage(meta, releases, '2026-01-01T00:00:00.000Z'));
  expect(pkg.valid, pkg.errors).toBe(true);
  const record = validateRecordPackage(
    recordPackage({ ...meta, uri: 'https://api.eproc.example/r', releasePackageUri: meta.uri }, releases),
  );
  expect(record.valid, record.errors).toBe(true);
}

describe('the validator', () => {
  it('rejects what OCDS rejects, so a passing export means something', () => {
    const [release] = buildReleases(source(publishedTender(), [publication(publishedTender())]), options);
    expect(validateRelease(release).valid).toBe(true);
    const broken = structuredClone(release) as any;
    broken.tender.status = 'published';
    broken.bids = { statistics: [{ id: 'bids', measure: 'bids' }] };
    broken.tender.value.amount = '2500000000';
    const verdict = validateRelease(broken);
    expect(verdict.valid).toBe(false);
    expect(verdict.errors).toMatch(/tender\/status/);
    expect(verdict.errors).toMatch(/bids\/statistics\/0 must have required property 'value'/);
    expect(verdict.errors).toMatch(/tender\/value\/amount must be number/);
  });
});

describe('a published tender', () => {
  const tender = publishedTender();
  const releases = buildReleases(source(tender, [publication(tender)]), options);

  it('is one `tender` release with the mapped fields', () => {
    expect(releases).toHaveLength(1);
    const [r] = releases as [any];
    expect(r).toMatchObject({
      ocid,
      id: `${ocid}-rev-1`,
      date: tender.publishedAt,
      tag: ['tender'],
      initiationType: 'tender',
      buyer: { id: `org-${ids.org}`, name: tender.buyerName },
    });
    expect(r.tender).toMatchObject({
      id: ids.tender,
      status: 'active',
      procurementMethod: 'open',
      procurementMethodDetails: 'Đấu thầu rộng rãi, một giai đoạn một túi hồ sơ',
      mainProcurementCategory: 'goods',
      awardCriteria: 'priceOnly',
      submissionMethod: ['electronicSubmission'],
      value: { amount: 2_500_000_000, currency: 'VND' },
      tenderPeriod: { startDate: tender.publishedAt, endDate: tender.submissionDeadline },
      enquiryPeriod: { startDate: tender.publishedAt, endDate: tender.questionsDeadline },
      lots: [
        { id: ids.lot1, title: 'Lô 1: máy tính', value: { amount: 2_000_000_000, currency: 'VND' } },
        { id: ids.lot2, title: 'Lô 2: máy chiếu', value: { amount: 500_000_000, currency: 'VND' } },
      ],
      documents: [
        {
          id: ids.doc1,
          documentType: 'biddingDocuments',
          url: `https://api.eproc.example/tenders/${ids.tender}/documents/${ids.doc1}`,
          sha256: 'a'.repeat(64),
          datePublished: tender.publishedAt,
        },
      ],
    });
    expect(r.tender.numberOfTenderers).toBeUndefined();
    expect(r.bids).toBeUndefined();
    expect(r.parties).toEqual([
      {
        id: `org-${ids.org}`,
        name: tender.buyerName,
        identifier: { id: '1012345', legalName: tender.buyerName },
        address: {
          streetAddress: '23 Quang Trung',
          locality: 'Hoàn Kiếm',
          region: 'Hà Nội',
          countryName: 'Việt Nam',
        },
        contactPoint: {
          name: 'Phòng Kế hoạch - Tài chính',
          email: 'khtc@hanoi.edu.vn',
          telephone: '+84 24 3942 5555',
        },
        roles: ['buyer', 'procuringEntity'],
      },
    ]);
    expectValid(releases);
  });

  it('converts USD cents to dollars', () => {
    const usd = publishedTender({
      currency: 'USD',
      lots: [{ lotId: ids.lot1, title: 'Lô 1', estimatedValue: 1_234_567, bidSecurityAmount: 100 }],
    });
    const [r] = buildReleases(source(usd, [publication(usd)]), options) as [any];
    expect(JSON.stringify(r.tender.value)).toBe('{"amount":12345.67,"currency":"USD"}');
  });

  it('has no releases as long as it is a draft', () => {
    const draft = publishedTender({ status: 'draft', revision: 0, publishedAt: undefined });
    expect(buildReleases(source(draft, []), options)).toEqual([]);
  });
});

describe('an amended tender', () => {
  const r1 = publication(publishedTender());
  const r2 = amendment(
    r1.snapshot,
    '2026-01-20T02:00:00.000Z',
    {
      title: 'Mua sắm máy tính và máy in',
      lots: [
        {
          lotId: ids.lot1,
          title: 'Lô 1: máy tính',
          estimatedValue: 2_100_000_000,
          bidSecurityAmount: 30_000_000,
        },
        { lotId: ids.lot3, title: 'Lô 3: máy in', estimatedValue: 300_000_000, bidSecurityAmount: 4_500_000 },
      ],
    },
    'Bổ sung máy in, bỏ máy chiếu',
  );
  const r3 = amendment(
    r2.snapshot,
    '2026-02-01T02:00:00.000Z',
    { submissionDeadline: '2026-03-10T03:00:00.000Z' },
    'Gia hạn đóng thầu',
  );
  const releases = buildReleases(source(r3.snapshot, [r1, r2, r3]), options);

  it('has one release per revision, amendments naming the releases before and after', () => {
    expect(releases.map((r) => [r.id, r.tag, r.date])).toEqual([
      [`${ocid}-rev-1`, ['tender'], r1.at],
      [`${ocid}-rev-2`, ['tenderAmendment'], r2.at],
      [`${ocid}-rev-3`, ['tenderAmendment'], r3.at],
    ]);
    expect(releases[0]?.tender.title).toBe('Mua sắm máy tính cho các trường THPT');
    expect(releases[0]?.tender.amendments).toBeUndefined();
    expect(releases[2]?.tender.amendments).toEqual([
      {
        id: 'rev-2',
        date: r2.at,
        rationale: 'Bổ sung máy in, bỏ máy chiếu',
        description: 'Sửa đổi: tên gói thầu, các phần (lô)',
        amendsReleaseID: `${ocid}-rev-1`,
        releaseID: `${ocid}-rev-2`,
      },
      {
        id: 'rev-3',
        date: r3.at,
        rationale: 'Gia hạn đóng thầu',
        description: 'Sửa đổi: thời điểm đóng thầu',
        amendsReleaseID: `${ocid}-rev-2`,
        releaseID: `${ocid}-rev-3`,
      },
    ]);
    expectValid(releases);
  });

  it('compiles to the latest values, the dropped lot cancelled and left out of the total', () => {
    const compiled = compileReleases(releases);
    expect(compiled.id).toBe(`${ocid}-compiled-${r3.at}`);
    expect(compiled.tag).toEqual(['compiled']);
    expect(compiled.date).toBe(r3.at);
    expect(compiled.tender.title).toBe('Mua sắm máy tính và máy in');
    expect(compiled.tender.tenderPeriod.endDate).toBe('2026-03-10T03:00:00.000Z');
    expect(compiled.tender.value).toEqual({ amount: 2_400_000_000, currency: 'VND' });
    expect(compiled.tender.lots).toEqual([
      { id: ids.lot1, title: 'Lô 1: máy tính', value: { amount: 2_100_000_000, currency: 'VND' } },
      {
        id: ids.lot2,
        title: 'Lô 2: máy chiếu',
        status: 'cancelled',
        value: { amount: 500_000_000, currency: 'VND' },
      },
      { id: ids.lot3, title: 'Lô 3: máy in', value: { amount: 300_000_000, currency: 'VND' } },
    ]);
    expect(compiled.tender.amendments?.map((a) => a.id)).toEqual(['rev-2', 'rev-3']);
  });
});

describe('merging', () => {
  it('merges objects by field, arrays of objects by id, replaces other arrays, drops nulls', () => {
    const target = {
      a: { x: 1, y: 2 },
      parties: [
        { id: 'p1', name: 'One', roles: ['buyer'] },
        { id: 'p2', name: 'Two', roles: ['tenderer'] },
      ],
      tags: ['a', 'b'],
      gone: 'soon',
    };
    mergeObject(target as any, {
      a: { y: 3 },
      parties: [
        { id: 'p2', roles: ['tenderer', 'supplier'] },
        { id: 'p3', name: 'Three', roles: ['tenderer'] },
      ],
      tags: ['c'],
      gone: null,
    });
    expect(target).toEqual({
      a: { x: 1, y: 3 },
      parties: [
        { id: 'p1', name: 'One', roles: ['buyer'] },
        { id: 'p2', name: 'Two', roles: ['tenderer', 'supplier'] },
        { id: 'p3', name: 'Three', roles: ['tenderer'] },
      ],
      tags: ['c'],
    });
  });

  it('replaces an array whose objects have no ids, and merges in date order whatever the input order', () => {
    const target = { changes: [{ property: 'a' }, { property: 'b' }] };
    mergeObject(target as any, { changes: [{ property: 'c' }] });
    expect(target.changes).toEqual([{ property: 'c' }]);

    const r1 = publication(publishedTender());
    const r2 = amendment(r1.snapshot, '2026-01-20T02:00:00.000Z', { title: 'Mới' }, 'đổi tên');
    const releases = buildReleases(source(r2.snapshot, [r1, r2]), options);
    expect(compileReleases([...releases].reverse()).tender.title).toBe('Mới');
  });
});

describe('a cancelled tender', () => {
  it('ends with a tenderCancellation release: status cancelled, the reason as a document', () => {
    const published = publishedTender();
    const cancelled = {
      ...published,
      status: 'cancelled' as const,
      cancelledAt: '2026-01-15T00:00:00.000Z',
      cancellationReason: 'Thay đổi nhu cầu mua sắm',
    };
    const releases = buildReleases(source(cancelled, [publication(published)]), options);
    expect(releases.map((r) => [r.tag[0], r.tender.status])).toEqual([
      ['tender', 'active'],
      ['tenderCancellation', 'cancelled'],
    ]);
    expect(releases[1]?.tender.documents).toContainEqual({
      id: 'cancellation',
      documentType: 'cancellationDetails',
      title: 'Thông báo hủy thầu',
      description: 'Thay đổi nhu cầu mua sắm',
      datePublished: '2026-01-15T00:00:00.000Z',
    });
    expect(compileReleases(releases).tender.status).toBe('cancelled');
    expectValid(releases);
  });
});

describe('opening, award and contract', () => {
  const base = publishedTender({ status: 'opened', minBids: 1, openedAt: '2026-03-01T03:04:00.000Z' });
  const opening = minutes(
    base,
    'single',
    [
      minutesBid('01JBID00000000000000000001', ids.alpha, ids.lot1, '1850000000', 'Công ty Alpha (biên bản)'),
      minutesBid('01JBID00000000000000000002', ids.beta, ids.lot1, '1900000000'),
      minutesBid('01JBID00000000000000000003', ids.alpha, ids.lot2, '480000000', 'Công ty Alpha (biên bản)'),
    ],
    [
      {
        bidId: '01JBID00000000000000000004',
        version: 1,
        lotId: ids.lot1,
        bidderRef: 'ref-gamma',
        contractorId: ids.gamma,
        receivedAt: '2026-02-28T09:00:00.000Z',
        reason: { code: 'signature-invalid', detail: 'the signature does not verify' },
      },
    ],
  );

  it('names no bidder in any release before the minutes are public', () => {
    const releases = buildReleases(source(base, [publication(base)], { minutes: [] }), options);
    const text = JSON.stringify(releases);
    for (const id of [ids.alpha, ids.beta, ids.gamma]) expect(text).not.toContain(id);
    expect(text).not.toContain('"bids"');
    expect(text).not.toContain('numberOfTenderers');
    // And the releases before the opening stay free of bidders once it happened.
    const after = buildReleases(source(base, [publication(base)], { minutes: [opening] }), options);
    expect(JSON.stringify(after[0])).not.toContain(ids.alpha);
  });

  it('publishes bidders, bid details and statistics with the minutes', () => {
    const releases = buildReleases(source(base, [publication(base)], { minutes: [opening] }), options);
    expect(releases.map((r) => r.tag[0])).toEqual(['tender', 'tenderUpdate']);
    const r = releases[1] as any;
    expect(r.id).toBe(`${ocid}-opening-single`);
    expect(r.date).toBe(opening.publishedAt);
    expect(r.tender.status).toBe('active');
    expect(r.tender.numberOfTenderers).toBe(3);
    expect(r.tender.tenderers.map((t: any) => t.id)).toEqual([
      `contractor-${ids.alpha}`,
      `contractor-${ids.beta}`,
      `contractor-${ids.gamma}`,
    ]);
    expect(r.parties.map((p: any) => [p.id, p.roles])).toEqual([
      [`org-${ids.org}`, ['buyer', 'procuringEntity']],
      [`contractor-${ids.alpha}`, ['tenderer']],
      [`contractor-${ids.beta}`, ['tenderer']],
      [`contractor-${ids.gamma}`, ['tenderer']],
    ]);
    // The minutes' name is the official one; the register gives the identifier.
    expect(r.parties[1]).toMatchObject({
      name: 'Công ty Alpha (biên bản)',
      identifier: { id: '0101234567', legalName: 'Công ty Alpha' },
      address: { region: 'Hà Nội', countryName: 'Việt Nam' },
    });
    expect(r.bids.details).toEqual([
      {
        id: '01JBID00000000000000000001',
        date: '2026-02-27T09:00:00.000Z',
        status: 'pending',
        tenderers: [{ id: `contractor-${ids.alpha}`, name: 'Công ty Alpha (biên bản)' }],
        value: { amount: 1_850_000_000, currency: 'VND' },
        relatedLots: [ids.lot1],
      },
      expect.objectContaining({ id: '01JBID00000000000000000002', status: 'pending' }),
      expect.objectContaining({ id: '01JBID00000000000000000003', relatedLots: [ids.lot2] }),
      {
        id: '01JBID00000000000000000004',
        date: '2026-02-28T09:00:00.000Z',
        status: 'disqualified',
        tenderers: [{ id: `contractor-${ids.gamma}`, name: 'Công ty Gamma' }],
        relatedLots: [ids.lot1],
      },
    ]);
    const stats = Object.fromEntries(r.bids.statistics.map((s: any) => [s.id, s.value]));
    expect(stats).toEqual({
      bids: 4,
      validBids: 3,
      disqualifiedBids: 1,
      bidders: 3,
      [`bids-${ids.lot1}`]: 3,
      [`validBids-${ids.lot1}`]: 2,
      [`disqualifiedBids-${ids.lot1}`]: 1,
      [`bids-${ids.lot2}`]: 1,
      [`validBids-${ids.lot2}`]: 1,
      [`disqualifiedBids-${ids.lot2}`]: 0,
    });
    expect(r.tender.documents).toContainEqual(
      expect.objectContaining({ id: 'minutes-single', documentType: 'bidders', sha256: 'c'.repeat(64) }),
    );
    expectValid(releases);
  });

  it('adds awards and contracts; the tender is complete once every award has its contract', () => {
    const a1 = award(
      ids.lot1,
      '01JBID00000000000000000001',
      ids.alpha,
      '1831500000',
      '2026-03-05T00:00:00.000Z',
      {
        contractId: '01JCONTRACT000000000000001',
        value: '1831500000',
        recordedAt: '2026-03-25T00:00:00.000Z',
      },
    );
    const a2 = award(
      ids.lot2,
      '01JBID00000000000000000003',
      ids.alpha,
      '480000000',
      '2026-03-06T00:00:00.000Z',
      {
        contractId: '01JCONTRACT000000000000002',
        value: '470000000',
        recordedAt: '2026-03-26T00:00:00.000Z',
      },
    );
    const tender = { ...base, status: 'contracted' as const };
    const releases = buildReleases(
      source(tender, [publication(base)], { minutes: [opening], awards: [a2, a1] }),
      options,
    );
    expect(releases.map((r) => [r.tag[0], r.tender.status])).toEqual([
      ['tender', 'active'],
      ['tenderUpdate', 'active'],
      ['award', 'active'],
      ['award', 'active'],
      ['contract', 'active'],
      ['contract', 'complete'],
    ]);
    const firstAward = releases[2] as any;
    expect(firstAward.awards).toEqual([
      {
        id: a1.awardId,
        title: 'Kết quả lựa chọn nhà thầu: Lô 1: máy tính',
        description: 'Xếp hạng 1; thời gian kiến nghị đến 2026-03-20T03:00:00.000Z',
        status: 'active',
        date: a1.awardedAt,
        value: { amount: 1_831_500_000, currency: 'VND' },
        suppliers: [{ id: `contractor-${ids.alpha}`, name: 'Công ty Alpha' }],
        relatedLots: [ids.lot1],
        relatedBids: ['01JBID00000000000000000001'],
      },
    ]);
    expect(firstAward.parties[1].roles).toEqual(['tenderer', 'supplier']);
    expect(firstAward.bids.details[0].status).toBe('valid');
    expect(firstAward.contracts).toBeUndefined();
    const last = releases[5] as any;
    expect(last.contracts).toEqual([
      expect.objectContaining({ id: '01JCONTRACT000000000000001', awardID: a1.awardId }),
      {
        id: '01JCONTRACT000000000000002',
        awardID: a2.awardId,
        title: 'Hợp đồng: Lô 2: máy chiếu',
        status: 'active',
        value: { amount: 470_000_000, currency: 'VND' },
        dateSigned: '2026-03-26T00:00:00.000Z',
        relatedBids: ['01JBID00000000000000000003'],
      },
    ]);
    const compiled = compileReleases(releases) as any;
    expect(compiled.tender.status).toBe('complete');
    expect(compiled.awards.map((a: any) => a.id)).toEqual([a1.awardId, a2.awardId]);
    expect(compiled.contracts).toHaveLength(2);
    expectValid(releases);
  });

  it('two envelopes: no prices with the technical minutes; the financial ones price the approved bids only', () => {
    const two = { ...base, envelopeProcedure: 'two-envelope' as const };
    const technical = minutes(
      two,
      'technical',
      [
        minutesBid('01JBID00000000000000000001', ids.alpha, ids.lot1),
        minutesBid('01JBID00000000000000000002', ids.beta, ids.lot1),
      ],
      [],
      'opened',
      '2026-03-01T03:05:00.000Z',
    );
    const financial = minutes(
      two,
      'financial',
      [minutesBid('01JBID00000000000000000001', ids.alpha, ids.lot1, '1850000000')],
      [],
      'opened',
      '2026-03-04T03:05:00.000Z',
    );
    const releases = buildReleases(
      source(two, [publication(two)], { minutes: [financial, technical] }),
      options,
    );
    expect(releases.map((r) => r.id)).toEqual([
      `${ocid}-rev-1`,
      `${ocid}-opening-technical`,
      `${ocid}-opening-financial`,
    ]);
    const [, tech, fin] = releases as [any, any, any];
    expect(tech.bids.details.map((d: any) => [d.status, d.value])).toEqual([
      ['pending', undefined],
      ['pending', undefined],
    ]);
    expect(fin.bids.details.map((d: any) => [d.status, d.value?.amount])).toEqual([
      ['pending', 1_850_000_000],
      ['disqualified', undefined],
    ]);
    expect(fin.tender.procurementMethodDetails).toBe('Đấu thầu rộng rãi, một giai đoạn hai túi hồ sơ');
    expectValid(releases);
  });

  it('an opening with too few valid bids makes the tender unsuccessful, with the reason', () => {
    const failed = minutes(base, 'single', [], opening.minutes.invalidBids, 'unsuccessful');
    const tender = {
      ...base,
      status: 'unsuccessful' as const,
      unsuccessfulReason: 'fewer valid bids than the minimum of 1 in every lot',
    };
    const releases = buildReleases(source(tender, [publication(base)], { minutes: [failed] }), options);
    const last = releases.at(-1) as any;
    expect(last.tender.status).toBe('unsuccessful');
    expect(last.tender.documents).toContainEqual(
      expect.objectContaining({
        documentType: 'unsuccessfulDetails',
        description: tender.unsuccessfulReason,
      }),
    );
    expect(compileReleases(releases).tender.status).toBe('unsuccessful');
    expectValid(releases);
  });
});
