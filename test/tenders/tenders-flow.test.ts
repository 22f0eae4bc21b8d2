// The whole life of a tender through the HTTP API, checking stored items and audit events at
// each step: create, edit, publish, amend, question, answer, amend (refused below the minimum
// period, then with a deadline extension), public read, cancel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, workingDaysBetween } from '../../shared/calendar/working-days.ts';
import { questionEntity, revisionEntity, tenderEntity } from '../../shared/entities/tenders.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import {
  auditEventsOf,
  dayMs,
  type Entity,
  fromNow,
  ifMatch,
  letTimePass,
  procuringEntity,
  registeredContractor,
  storedItem,
  storedTender,
  tenderAuditTrail,
  tenderBody,
} from './fixtures.ts';

let cloud: TestCloud;
beforeAll(async () => {
  // The law's periods (no acceleration): step 5 checks them.
  cloud = await startTestCloud({ PERIOD_ACCELERATION: '1' });
});
afterAll(() => cloud?.stop());

describe('a tender from draft to cancellation', () => {
  it('goes through every step with its stored state and audit trail', async () => {
    const entity: Entity = await procuringEntity(cloud);
    const organisationEvents = await auditEventsOf('organisation', entity.organisationId);
    expect(organisationEvents.map((e) => e.action)).toEqual(['organisation.created']);

    // 1. Create a draft.
    const created = await cloud.call('POST', '/tenders', { token: entity.token, body: tenderBody() });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const tenderId = created.body.tenderId as string;
    expect(created.body).toMatchObject({
      status: 'draft',
      version: 1,
      revision: 0,
      buyer: entity.organisationId,
      buyerName: 'Sở Giáo dục và Đào tạo Hà Nội',
      currency: 'VND',
      minBids: 1,
      documents: [],
    });
    const [lot1, lot2] = created.body.lots;
    expect(lot1.lotId).toMatch(/^[0-9A-Z]{26}$/);
    expect(lot2.lotId).not.toBe(lot1.lotId);
    let stored = await storedTender(tenderId);
    expect(stored).toMatchObject({
      status: 'draft',
      version: 1,
      gsi2pk: tenderEntity.indexPk('byBuyer', { buyer: entity.organisationId }),
    });
    expect(stored?.gsi1pk).toBeUndefined();

    // 2. Edit the draft: combined evaluation, drop lot 2, keep lot 1's id, add a new lot.
    const patched = await cloud.call('PATCH', `/tenders/${tenderId}`, {
      token: entity.token,
      headers: ifMatch(1),
      body: {
        title: 'Mua sắm máy tính và máy in cho các trường THPT',
        evaluation: { method: 'combined', technicalWeight: 15, priceWeight: 85 },
        lots: [
          { ...lot1, title: 'Lô 1: máy tính' },
          { title: 'Lô 3: máy in', estimatedValue: 300_000_000, bidSecurityAmount: 4_500_000 },
        ],
      },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body.lots.map((l: any) => l.lotId)).toContain(lot1.lotId);
    expect(patched.body.lots.map((l: any) => l.lotId)).not.toContain(lot2.lotId);
    stored = await storedTender(tenderId);
    expect(stored).toMatchObject({
      version: 2,
      title: 'Mua sắm máy tính và máy in cho các trường THPT',
      evaluation: { method: 'combined', technicalWeight: 15, priceWeight: 85 },
    });

    // 3. Publish.
    const published = await cloud.call('POST', `/tenders/${tenderId}/publish`, {
      token: entity.token,
      headers: ifMatch(2),
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', revision: 1, version: 3 });
    const originalDeadline = published.body.submissionDeadline as string;
    stored = await storedTender(tenderId);
    expect(stored).toMatchObject({
      status: 'published',
      gsi1pk: tenderEntity.indexPk('byStatus', { status: 'published' }),
      gsi1sk: `${originalDeadline}#${tenderId}`,
    });
    const revision1 = await storedItem(
      'TABLE_TENDERS',
      revisionEntity.pk({ tenderId }),
      revisionEntity.sk({ revision: 1 }),
    );
    expect(revision1).toMatchObject({ revision: 1, kind: 'publication', snapshot: { status: 'published' } });

    // 4. An amendment far from the deadline: a new revision, the deadline stays.
    const amended = await cloud.call('POST', `/tenders/${tenderId}/amendments`, {
      token: entity.token,
      headers: ifMatch(3),
      body: { changes: { description: 'Bổ sung yêu cầu bảo hành 36 tháng.' }, note: 'Làm rõ bảo hành' },
    });
    expect(amended.status, JSON.stringify(amended.body)).toBe(201);
    expect(amended.body.revision).toMatchObject({
      revision: 2,
      kind: 'amendment',
      changedFields: ['description'],
    });
    expect(amended.body.deadlineExtended).toBeUndefined();
    expect(amended.body.tender.submissionDeadline).toBe(originalDeadline);

    // 6. A registered contractor asks a question.
    const contractor = await registeredContractor(cloud);
    const asked = await cloud.call('POST', `/tenders/${tenderId}/questions`, {
      token: contractor.token,
      body: { question: 'Máy tính có cần cài sẵn hệ điều hành bản quyền không?', lotId: lot1.lotId },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const questionId = asked.body.questionId as string;
    expect(asked.body).toMatchObject({ status: 'open', lotId: lot1.lotId });
    expect(asked.body.contractorId).toBeUndefined();
    const storedQuestion = await storedItem(
      'TABLE_TENDERS',
      questionEntity.pk({ tenderId }),
      questionEntity.sk({ questionId }),
    );
    expect(storedQuestion).toMatchObject({ askerContractorId: contractor.contractorId, status: 'open' });

    const publicBefore = await cloud.call('GET', `/tenders/${tenderId}/questions`);
    expect(publicBefore.body.items).toEqual([]);
    const mine = await cloud.call('GET', `/me/questions?tenderId=${tenderId}`, { token: contractor.token });
    expect(mine.body.items).toEqual([expect.objectContaining({ questionId, status: 'open' })]);

    // 7. The procuring entity sees it (without the asker) and answers.
    const toAnswer = await cloud.call('GET', `/entity/tenders/${tenderId}/questions?status=open`, {
      token: entity.token,
    });
    expect(toAnswer.body.items.map((q: any) => q.questionId)).toEqual([questionId]);
    expect(JSON.stringify(toAnswer.body)).not.toContain(contractor.contractorId);
    const answered = await cloud.call('POST', `/tenders/${tenderId}/questions/${questionId}/answer`, {
      token: entity.token,
      body: { answer: 'Có: Windows 11 Pro bản quyền.' },
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', answer: 'Có: Windows 11 Pro bản quyền.' });

    // 5. An amendment may not cut the deadline below the minimum submission period (9 days from
    // publication for this small domestic goods package)...
    const tooSoon = fromNow(dayMs);
    const shortened = await cloud.call('POST', `/tenders/${tenderId}/amendments`, {
      token: entity.token,
      headers: ifMatch(4),
      body: {
        changes: { submissionDeadline: tooSoon, questionsDeadline: fromNow(3_600_000) },
        note: 'Rút ngắn thời hạn',
      },
    });
    expect(shortened.status, JSON.stringify(shortened.body)).toBe(422);
    expect(shortened.body.errors).toContainEqual(
      expect.objectContaining({
        field: 'body.changes.submissionDeadline',
        rule: 'min-submission-period',
        limit: 9,
      }),
    );
    // ...and one 28 days later, with fewer than 3 working days left, moves the deadline out.
    await letTimePass(tenderId, 28 * dayMs);
    const closeDeadline = (await storedTender(tenderId))?.submissionDeadline as string;
    const rushed = await cloud.call('POST', `/tenders/${tenderId}/amendments`, {
      token: entity.token,
      headers: ifMatch(4),
      body: { changes: { description: 'Bổ sung yêu cầu lắp đặt.' }, note: 'Bổ sung lắp đặt' },
    });
    expect(rushed.status, JSON.stringify(rushed.body)).toBe(201);
    const at = rushed.body.revision.at as string;
    const expectedDeadline = addWorkingDays(at, 3);
    expect(rushed.body.deadlineExtended).toMatchObject({
      from: closeDeadline,
      to: expectedDeadline,
      rule: 'amendment-period',
      limit: 3,
      unit: 'working-days',
    });
    expect(rushed.body.deadlineExtended.reason).toContain('3 working days');
    expect(workingDaysBetween(at, rushed.body.tender.submissionDeadline)).toBe(3);
    expect(rushed.body.tender).toMatchObject({
      revision: 3,
      version: 5,
      submissionDeadline: expectedDeadline,
    });
    stored = await storedTender(tenderId);
    expect(stored).toMatchObject({
      submissionDeadline: expectedDeadline,
      gsi1sk: `${expectedDeadline}#${tenderId}`,
      version: 5,
    });
    const revision3 = await storedItem(
      'TABLE_TENDERS',
      revisionEntity.pk({ tenderId }),
      revisionEntity.sk({ revision: 3 }),
    );
    expect(revision3).toMatchObject({
      kind: 'amendment',
      note: 'Bổ sung lắp đặt',
      deadlineExtended: { from: closeDeadline, to: expectedDeadline },
      snapshot: { submissionDeadline: expectedDeadline, revision: 3 },
    });

    // 8. The public reads the tender: revisions, the answer, never the asker.
    const detail = await cloud.call('GET', `/tenders/${tenderId}`);
    expect(detail.status).toBe(200);
    expect(detail.headers.get('etag')).toBe('"5"');
    expect(detail.body.revisions.map((r: any) => [r.revision, r.kind])).toEqual([
      [1, 'publication'],
      [2, 'amendment'],
      [3, 'amendment'],
    ]);
    expect(detail.body.revisions[2].deadlineExtended.to).toBe(expectedDeadline);
    expect(detail.body.revisions[0].snapshot).toBeUndefined();
    expect(detail.body.questions).toEqual([
      expect.objectContaining({ questionId, answer: 'Có: Windows 11 Pro bản quyền.' }),
    ]);
    const publicText = JSON.stringify(detail.body);
    expect(publicText).not.toContain(contractor.contractorId);
    expect(publicText).not.toContain(contractor.sub);
    expect(publicText).not.toContain(entity.sub);
    const firstRevision = await cloud.call('GET', `/tenders/${tenderId}/revisions/1`);
    expect(firstRevision.body.snapshot).toMatchObject({ submissionDeadline: originalDeadline, revision: 1 });

    // 9. Cancel.
    const cancelled = await cloud.call('POST', `/tenders/${tenderId}/cancel`, {
      token: entity.token,
      headers: ifMatch(5),
      body: { reason: 'Điều chỉnh kế hoạch lựa chọn nhà thầu' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'Điều chỉnh kế hoạch lựa chọn nhà thầu',
    });
    stored = await storedTender(tenderId);
    expect(stored).toMatchObject({
      status: 'cancelled',
      gsi1pk: tenderEntity.indexPk('byStatus', { status: 'cancelled' }),
      version: 6,
    });
    const afterCancel = await cloud.call('POST', `/tenders/${tenderId}/amendments`, {
      token: entity.token,
      headers: ifMatch(6),
      body: { changes: { title: 'x y z' }, note: 'too late' },
    });
    expect(afterCancel.status).toBe(409);
    expect((await cloud.call('GET', `/tenders/${tenderId}`)).body.status).toBe('cancelled');

    // Every change left exactly one audit event tagged with the tender, by the right actor.
    const trail = await tenderAuditTrail(tenderId);
    expect(trail.map((e) => e.action)).toEqual([
      'tender.created',
      'tender.updated',
      'tender.published',
      'tender.amended',
      'question.asked',
      'question.answered',
      'tender.amended',
      'tender.cancelled',
    ]);
    for (const event of trail.filter((e) => e.action.startsWith('tender.'))) {
      expect(event.actor).toMatchObject({
        sub: entity.sub,
        role: 'procuring-entity',
        organisationId: entity.organisationId,
      });
      expect(event.changeHash).toMatch(/^[0-9a-f]{64}$/);
    }
    const askedEvent = trail.find((e) => e.action === 'question.asked');
    expect(askedEvent?.actor.sub).toBe(contractor.sub);
    expect(askedEvent?.change.askerContractorId).toBe(contractor.contractorId);
    expect(trail.find((e) => e.action === 'tender.amended' && e.change.revision === 3)?.change).toMatchObject(
      { deadlineExtended: { to: expectedDeadline } },
    );
  });
});
