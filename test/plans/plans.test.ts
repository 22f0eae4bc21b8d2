// Contractor selection plans through the real HTTP path, asserting stored state through the entity
// declarations: a plan drafted, published and revised (each revision kept with what changed);
// tenders created from a package (the estimate checked at, just above and below the limit, one
// live tender per package, linked both ways); a package done offline recorded with its result;
// the tender's OCDS releases carrying the plan in `planning`; and bad input answered as problems.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planEntity, planPackageEntity, planRevisionEntity } from '../../shared/entities/plans.ts';
import { validateRecordPackage, validateReleasePackage } from '../ocds/validator.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import {
  auditEventsOf,
  createDraft,
  type Entity,
  ifMatch,
  procuringEntity,
  storedItem,
  storedTender,
  tenderBody,
} from '../tenders/fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
let other: Entity;
beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
  other = await procuringEntity(cloud);
});
afterAll(() => cloud?.stop());

const LIMIT = 2_500_000_000;

const onlinePackage = (overrides: Record<string, unknown> = {}) => ({
  name: 'Mua sắm máy tính cho các trường THPT',
  category: 'goods',
  method: 'open',
  estimate: LIMIT,
  fundingSource: 'Ngân sách thành phố năm 2026',
  plannedQuarter: '2026-Q2',
  contractType: 'lump-sum',
  online: true,
  ...overrides,
});

const offlinePackage = () => ({
  name: 'Thiết bị bảo mật phòng họp',
  category: 'goods',
  method: 'limited',
  estimate: 800_000_000,
  fundingSource: 'Ngân sách thành phố năm 2026',
  plannedQuarter: '2026-Q3',
  contractType: 'fixed-unit-price',
  online: false,
  offlineException: 'secret',
});

const planBody = () => ({
  title: 'Kế hoạch lựa chọn nhà thầu mua sắm thiết bị năm 2026',
  fiscalYear: 2026,
  decision: { number: '123/QĐ-SGDĐT', date: '2026-01-15' },
  packages: [onlinePackage(), offlinePackage()],
});

const storedPlan = (planId: string) =>
  storedItem('TABLE_TENDERS', planEntity.pk({ planId }), planEntity.sk({}));
const storedPackage = (planId: string, packageId: string) =>
  storedItem('TABLE_TENDERS', planPackageEntity.pk({ planId }), planPackageEntity.sk({ packageId }));
const storedRevision = (planId: string, revision: number) =>
  storedItem('TABLE_TENDERS', planRevisionEntity.pk({ planId }), planRevisionEntity.sk({ revision }));

/** Lots that sum to `total` (two lots, so the sum is what is checked, not one lot). */
const lotsSumming = (total: number) => [
  { title: 'Lô 1: máy tính để bàn', estimatedValue: total - 500_000_000, bidSecurityAmount: 25_000_000 },
  { title: 'Lô 2: máy chiếu', estimatedValue: 500_000_000, bidSecurityAmount: 7_500_000 },
];

async function publishedPlan() {
  const created = await cloud.call('POST', '/plans', { token: entity.token, body: planBody() });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await cloud.call('POST', `/plans/${created.body.planId}/publish`, {
    token: entity.token,
    headers: ifMatch(created.body.version),
  });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return published.body as { planId: string; version: number; packages: { packageId: string }[] };
}

describe('a contractor selection plan', () => {
  it('is drafted privately, published as revision 1, then revised with what changed', async () => {
    const created = await cloud.call('POST', '/plans', { token: entity.token, body: planBody() });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const planId = created.body.planId as string;
    expect(created.body).toMatchObject({ status: 'draft', revision: 0, buyer: entity.organisationId });
    expect(created.body.packages.map((p: any) => p.progress.state)).toEqual(['planned', 'planned']);
    expect(await storedPlan(planId)).toMatchObject({
      status: 'draft',
      version: 1,
      gsi2pk: planEntity.indexPk('byBuyer', { buyer: entity.organisationId }),
    });
    expect((await storedPlan(planId))?.gsi1pk).toBeUndefined();
    // A draft is not public, and not the basis of a tender.
    expect((await cloud.call('GET', `/plans/${planId}`)).status).toBe(404);
    const [online, offline] = created.body.packages as { packageId: string }[];
    const fromDraft = await cloud.call('POST', '/tenders', {
      token: entity.token,
      body: { ...tenderFields(), planId, packageId: online?.packageId },
    });
    expect(fromDraft.status).toBe(422);
    expect(fromDraft.body).toMatchObject({ code: 'PLAN_NOT_PUBLISHED', errors: [{ field: 'body.planId' }] });

    // Edit the draft, then publish it.
    const edited = await cloud.call('PATCH', `/plans/${planId}`, {
      token: entity.token,
      headers: ifMatch(1),
      body: { title: 'Kế hoạch lựa chọn nhà thầu năm 2026 (dự thảo 2)' },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const published = await cloud.call('POST', `/plans/${planId}/publish`, {
      token: entity.token,
      headers: ifMatch(2),
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', revision: 1, version: 3 });
    expect(await storedPlan(planId)).toMatchObject({
      status: 'published',
      gsi1pk: planEntity.indexPk('byStatus', { status: published.body.status }),
    });
    expect(await storedRevision(planId, 1)).toMatchObject({
      kind: 'publication',
      snapshot: { title: 'Kế hoạch lựa chọn nhà thầu năm 2026 (dự thảo 2)' },
    });
    const publicView = await cloud.call('GET', `/plans/${planId}`);
    expect(publicView.status).toBe(200);
    expect(publicView.body.packages[1]).toMatchObject({ online: false, offlineException: 'secret' });
    const list = await cloud.call('GET', '/plans?limit=100');
    expect(list.body.items.map((p: any) => p.planId)).toContain(planId);
    // A second publication is a transition the table does not allow.
    const again = await cloud.call('POST', `/plans/${planId}/publish`, {
      token: entity.token,
      headers: ifMatch(3),
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TRANSITION_NOT_ALLOWED');

    // Revise: one package's estimate and name change, a package is added.
    const revised = await cloud.call('POST', `/plans/${planId}/revisions`, {
      token: entity.token,
      headers: ifMatch(3),
      body: {
        note: 'Quyết định điều chỉnh số 456/QĐ-SGDĐT',
        changes: {
          packages: [
            {
              ...onlinePackage({ name: 'Mua sắm máy tính (điều chỉnh)', estimate: 3_000_000_000 }),
              packageId: online?.packageId,
            },
            { ...offlinePackage(), packageId: offline?.packageId },
            onlinePackage({ name: 'Máy in', estimate: 200_000_000 }),
          ],
        },
      },
    });
    expect(revised.status, JSON.stringify(revised.body)).toBe(201);
    expect(revised.body.revision).toMatchObject({
      revision: 2,
      kind: 'revision',
      changedFields: ['packages'],
      packageChanges: {
        changed: [{ packageId: online?.packageId, fields: ['name', 'estimate'] }],
        removed: [],
        added: [revised.body.plan.packages[2].packageId],
      },
    });
    expect(await storedRevision(planId, 2)).toMatchObject({
      note: 'Quyết định điều chỉnh số 456/QĐ-SGDĐT',
      snapshot: { revision: 2, packages: [{ estimate: 3_000_000_000 }, {}, {}] },
    });
    const revisions = await cloud.call('GET', `/plans/${planId}/revisions`);
    expect(revisions.body.items.map((r: any) => r.revision)).toEqual([1, 2]);
    expect((await cloud.call('GET', `/plans/${planId}/revisions/1`)).body.snapshot.packages[0].estimate).toBe(
      LIMIT,
    );
    expect((await auditEventsOf('plan', planId)).map((e) => e.action)).toEqual([
      'plan.created',
      'plan.updated',
      'plan.published',
      'plan.revised',
    ]);
  });

  it('refuses bad input as problems naming the field, never a 500', async () => {
    const bad = async (body: unknown, field: string, status = 400) => {
      const response = await cloud.call('POST', '/plans', { token: entity.token, body });
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      expect(response.body.errors.map((e: any) => e.field)).toContain(field);
    };
    const { offlineException: _e, ...noException } = offlinePackage();
    await bad({ ...planBody(), packages: [noException] }, 'body.packages.0.offlineException');
    await bad(
      { ...planBody(), packages: [onlinePackage({ offlineException: 'secret' })] },
      'body.packages.0.offlineException',
    );
    await bad({ ...planBody(), packages: [onlinePackage({ estimate: 1.5 })] }, 'body.packages.0.estimate');
    await bad({ ...planBody(), packages: [onlinePackage({ estimate: 0 })] }, 'body.packages.0.estimate');
    await bad({ ...planBody(), packages: [onlinePackage({ method: 'auction' })] }, 'body.packages.0.method');
    await bad(
      { ...planBody(), packages: [onlinePackage({ plannedQuarter: '2026-Q5' })] },
      'body.packages.0.plannedQuarter',
    );
    await bad(
      { ...planBody(), packages: [onlinePackage({ offlineException: 'urgent', online: false })] },
      'body.packages.0.offlineException',
    );
    await bad({ ...planBody(), packages: [] }, 'body.packages');
    await bad({ ...planBody(), status: 'published' }, 'body.status');
    const contractor = await cloud.token('c-plans', 'contractor');
    expect((await cloud.call('POST', '/plans', { token: contractor, body: planBody() })).status).toBe(403);
    const plan = await publishedPlan();
    // Another entity's plan: not theirs to read privately, revise, or make tenders from.
    expect((await cloud.call('GET', `/entity/plans/${plan.planId}`, { token: other.token })).status).toBe(
      403,
    );
    const foreign = await cloud.call('POST', '/tenders', {
      token: other.token,
      body: { ...tenderFields(), planId: plan.planId, packageId: plan.packages[0]?.packageId },
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body).toMatchObject({ code: 'PLAN_PACKAGE_UNKNOWN', errors: [{ field: 'body.planId' }] });
    const halfLink = await cloud.call('POST', '/tenders', {
      token: entity.token,
      body: { ...tenderFields(), planId: plan.planId },
    });
    expect(halfLink.status).toBe(400);
    expect(halfLink.body.errors[0].field).toBe('body.packageId');
    const unknownPackage = await cloud.call('POST', '/tenders', {
      token: entity.token,
      body: { ...tenderFields(), planId: plan.planId, packageId: plan.planId },
    });
    expect(unknownPackage.status).toBe(422);
    expect(unknownPackage.body.errors[0].field).toBe('body.packageId');
    const unknownInRevision = await cloud.call('POST', `/plans/${plan.planId}/revisions`, {
      token: entity.token,
      headers: ifMatch(plan.version),
      body: { note: 'x', changes: { packages: [{ ...onlinePackage(), packageId: plan.planId }] } },
    });
    expect(unknownInRevision.status).toBe(400);
    expect(unknownInRevision.body.errors[0].field).toBe('body.changes.packages.0.packageId');
    const noIfMatch = await cloud.call('POST', `/plans/${plan.planId}/revisions`, {
      token: entity.token,
      body: { note: 'x', changes: { title: 'y' } },
    });
    expect(noIfMatch.status).toBe(428);
    const mismatch = await cloud.call('POST', '/tenders', {
      token: entity.token,
      body: {
        ...tenderFields({ category: 'works' }),
        planId: plan.planId,
        packageId: plan.packages[0]?.packageId,
      },
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body).toMatchObject({
      code: 'PLAN_PACKAGE_MISMATCH',
      errors: [{ field: 'body.category' }],
    });
  });
});

/** The tender fixtures' body (goods, open bidding, two lots; deadlines by the cloud's clock). */
const tenderFields = (overrides: Record<string, unknown> = {}) => tenderBody(overrides);

describe('tenders from a plan package', () => {
  it('checks the estimate at, just above and below the limit; one live tender; linked both ways', async () => {
    const plan = await publishedPlan();
    const packageId = plan.packages[0]?.packageId as string;
    const link = { planId: plan.planId, packageId };

    const above = await cloud.call('POST', '/tenders', {
      token: entity.token,
      body: { ...tenderFields({ lots: lotsSumming(LIMIT + 1) }), ...link },
    });
    expect(above.status).toBe(422);
    expect(above.body).toMatchObject({
      code: 'PLAN_ESTIMATE_EXCEEDED',
      errors: [{ field: 'body.lots', limit: LIMIT, value: LIMIT + 1 }],
    });
    expect(await storedPackage(plan.planId, packageId)).toBeUndefined();

    const at = await createDraft(cloud, entity, { lots: lotsSumming(LIMIT), ...link });
    expect(at).toMatchObject(link);
    expect(await storedTender(at.tenderId)).toMatchObject(link);
    expect(await storedPackage(plan.planId, packageId)).toMatchObject({
      status: 'tendering',
      tenderId: at.tenderId,
    });
    const view = await cloud.call('GET', `/plans/${plan.planId}`);
    expect(view.body.packages[0].progress).toEqual({ state: 'tendering', tenderId: at.tenderId });
    expect(view.body.progressVersion).toBe(1);

    // One live tender per package.
    const second = await cloud.call('POST', '/tenders', {
      token: entity.token,
      body: { ...tenderFields({ lots: lotsSumming(LIMIT - 1) }), ...link },
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'PLAN_PACKAGE_HAS_LIVE_TENDER', tenderId: at.tenderId });

    // Edits keep to the estimate too, until the plan is revised.
    const grown = await cloud.call('PATCH', `/tenders/${at.tenderId}`, {
      token: entity.token,
      headers: ifMatch(at.version),
      body: { lots: lotsSumming(LIMIT + 300_000_000) },
    });
    expect(grown.status).toBe(422);
    expect(grown.body.errors[0]).toMatchObject({ field: 'body.lots', code: 'PLAN_ESTIMATE_EXCEEDED' });
    // A revision may not drop the package in use, nor take its estimate below its live tender.
    const packages = (await cloud.call('GET', `/plans/${plan.planId}`)).body.packages.map(
      ({ progress: _p, ...p }: any) => p,
    );
    const dropped = await cloud.call('POST', `/plans/${plan.planId}/revisions`, {
      token: entity.token,
      headers: ifMatch(plan.version),
      body: { note: 'bỏ gói', changes: { packages: [packages[1]] } },
    });
    expect(dropped.status).toBe(422);
    expect(dropped.body).toMatchObject({
      code: 'PLAN_PACKAGE_IN_USE',
      errors: [{ field: 'body.changes.packages' }],
    });
    const lowered = await cloud.call('POST', `/plans/${plan.planId}/revisions`, {
      token: entity.token,
      headers: ifMatch(plan.version),
      body: { note: 'giảm', changes: { packages: [{ ...packages[0], estimate: LIMIT - 1 }, packages[1]] } },
    });
    expect(lowered.status).toBe(422);
    expect(lowered.body.errors[0]).toMatchObject({
      field: 'body.changes.packages.0.estimate',
      code: 'PLAN_ESTIMATE_EXCEEDED',
    });
    const raised = await cloud.call('POST', `/plans/${plan.planId}/revisions`, {
      token: entity.token,
      headers: ifMatch(plan.version),
      body: {
        note: 'tăng dự toán',
        changes: { packages: [{ ...packages[0], estimate: 3_000_000_000 }, packages[1]] },
      },
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    const grownAfter = await cloud.call('PATCH', `/tenders/${at.tenderId}`, {
      token: entity.token,
      headers: ifMatch(at.version),
      body: { lots: lotsSumming(LIMIT + 300_000_000) },
    });
    expect(grownAfter.status, JSON.stringify(grownAfter.body)).toBe(200);

    // Once its tender is cancelled, the package takes a new one (below the limit).
    const cancelled = await cloud.call('POST', `/tenders/${at.tenderId}/cancel`, {
      token: entity.token,
      headers: ifMatch(grownAfter.body.version),
      body: { reason: 'Điều chỉnh yêu cầu kỹ thuật' },
    });
    expect(cancelled.status).toBe(200);
    const below = await createDraft(cloud, entity, { lots: lotsSumming(LIMIT - 1), ...link });
    expect(await storedPackage(plan.planId, packageId)).toMatchObject({
      status: 'tendering',
      tenderId: below.tenderId,
      previousTenderIds: [at.tenderId],
    });
  });

  it('records a package done offline with its result, once, and never bids it online', async () => {
    const plan = await publishedPlan();
    const [online, offline] = plan.packages as [{ packageId: string }, { packageId: string }];
    const result = {
      awardedAt: '2026-03-01T03:00:00Z',
      awardedValue: 780_000_000,
      supplierName: 'Công ty CP An ninh Thủ đô',
    };
    const path = (packageId: string) => `/plans/${plan.planId}/packages/${packageId}/offline-result`;

    const asTender = await cloud.call('POST', '/tenders', {
      token: entity.token,
      body: {
        ...tenderFields({ procurementMethod: 'limited' }),
        planId: plan.planId,
        packageId: offline.packageId,
      },
    });
    expect(asTender.status).toBe(422);
    expect(asTender.body).toMatchObject({
      code: 'PLAN_PACKAGE_PLANNED_OFFLINE',
      errors: [{ field: 'body.packageId' }],
    });
    const onlineOne = await cloud.call('POST', path(online.packageId), { token: entity.token, body: result });
    expect(onlineOne.status).toBe(422);
    expect(onlineOne.body.code).toBe('PLAN_PACKAGE_PLANNED_ONLINE');
    const future = await cloud.call('POST', path(offline.packageId), {
      token: entity.token,
      body: { ...result, awardedAt: '2099-01-01T00:00:00Z' },
    });
    expect(future.status).toBe(422);
    expect(future.body).toMatchObject({
      code: 'OFFLINE_RESULT_IN_FUTURE',
      errors: [{ field: 'body.awardedAt' }],
    });
    const badValue = await cloud.call('POST', path(offline.packageId), {
      token: entity.token,
      body: { ...result, awardedValue: -5 },
    });
    expect(badValue.status).toBe(400);
    expect(badValue.body.errors[0].field).toBe('body.awardedValue');

    const recorded = await cloud.call('POST', path(offline.packageId), { token: entity.token, body: result });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect(recorded.body.progress).toMatchObject({
      state: 'offline',
      offlineResult: { ...result, awardedAt: '2026-03-01T03:00:00.000Z' },
    });
    expect(await storedPackage(plan.planId, offline.packageId)).toMatchObject({
      status: 'offline',
      offlineResult: {
        awardedValue: 780_000_000,
        supplierName: 'Công ty CP An ninh Thủ đô',
        recordedBy: entity.sub,
      },
    });
    expect((await cloud.call('GET', `/plans/${plan.planId}`)).body.packages[1].progress.state).toBe(
      'offline',
    );
    const twice = await cloud.call('POST', path(offline.packageId), { token: entity.token, body: result });
    expect(twice.status).toBe(409);
    expect((await auditEventsOf('plan', plan.planId)).map((e) => e.action)).toContain(
      'plan.package.offline-recorded',
    );
    // A revision may not move the package done offline back online.
    const packages = (await cloud.call('GET', `/plans/${plan.planId}`)).body.packages.map(
      ({ progress: _p, ...p }: any) => p,
    );
    const { offlineException: _x, ...backOnline } = packages[1];
    const moved = await cloud.call('POST', `/plans/${plan.planId}/revisions`, {
      token: entity.token,
      headers: ifMatch(plan.version),
      body: { note: 'x', changes: { packages: [packages[0], { ...backOnline, online: true }] } },
    });
    expect(moved.status).toBe(422);
    expect(moved.body.errors[0]).toMatchObject({
      field: 'body.changes.packages.1.online',
      code: 'PLAN_PACKAGE_IN_USE',
    });
  });

  it("carries the plan in the tender's OCDS releases (planning), valid against the schemas", async () => {
    const plan = await publishedPlan();
    const packageId = plan.packages[0]?.packageId as string;
    const draft = await createDraft(cloud, entity, {
      lots: lotsSumming(LIMIT),
      planId: plan.planId,
      packageId,
    });
    const published = await cloud.call('POST', `/tenders/${draft.tenderId}/publish`, {
      token: entity.token,
      headers: ifMatch(draft.version),
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const releases = await cloud.call('GET', `/ocds/tenders/${draft.tenderId}/releases`);
    expect(releases.status).toBe(200);
    const verdict = validateReleasePackage(releases.body);
    expect(verdict.valid, verdict.errors).toBe(true);
    expect(releases.body.releases[0].planning).toEqual({
      rationale:
        'Kế hoạch lựa chọn nhà thầu năm 2026: Kế hoạch lựa chọn nhà thầu mua sắm thiết bị năm 2026 (Quyết định số 123/QĐ-SGDĐT ngày 2026-01-15); gói thầu: Mua sắm máy tính cho các trường THPT',
      budget: {
        id: packageId,
        description: 'Ngân sách thành phố năm 2026',
        amount: { amount: LIMIT, currency: 'VND' },
      },
      documents: [
        expect.objectContaining({
          id: 'procurement-plan',
          documentType: 'procurementPlan',
          url: `${cloud.url}/plans/${plan.planId}/revisions/1`,
        }),
      ],
      milestones: [expect.objectContaining({ type: 'preProcurement', dueDate: '2026-04-01T00:00:00.000Z' })],
    });
    const record = await cloud.call('GET', `/ocds/tenders/${draft.tenderId}/record`);
    const recordVerdict = validateRecordPackage(record.body);
    expect(recordVerdict.valid, recordVerdict.errors).toBe(true);
    expect(record.body.records[0].compiledRelease.planning.budget.amount.amount).toBe(LIMIT);
    // A tender from no plan has no planning section.
    const plain = await createDraft(cloud, entity);
    await cloud.call('POST', `/tenders/${plain.tenderId}/publish`, {
      token: entity.token,
      headers: ifMatch(plain.version),
    });
    const plainReleases = await cloud.call('GET', `/ocds/tenders/${plain.tenderId}/releases`);
    expect(plainReleases.body.releases[0].planning).toBeUndefined();
  });
});
