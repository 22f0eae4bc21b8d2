// Clarification questions: who may ask and answer, until when, and that the asker's identity
// reaches the audit trail but no API view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionEntity } from '../../shared/entities/tenders.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import {
  auditEventsOf,
  createDraft,
  type Entity,
  fromNow,
  ifMatch,
  procuringEntity,
  publishedTender,
  registeredContractor,
  setStoredDeadline,
  storedItem,
  tenderAuditTrail,
} from './fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
});
afterAll(() => cloud?.stop());

const ask = (
  token: string,
  tenderId: string,
  body: Record<string, unknown> = { question: 'Thời gian bảo hành?' },
) => cloud.call('POST', `/tenders/${tenderId}/questions`, { token, body });

describe('asking', () => {
  it('needs a registered contractor and a published tender with questions still open', async () => {
    const tender = await publishedTender(cloud, entity);
    const unregistered = await cloud.token(`anon-${crypto.randomUUID()}`, 'contractor');
    const refused = await ask(unregistered, tender.tenderId);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('register');
    expect((await ask(entity.token, tender.tenderId)).status).toBe(403);
    expect(
      (await cloud.call('POST', `/tenders/${tender.tenderId}/questions`, { body: { question: 'x' } })).status,
    ).toBe(401);

    const contractor = await registeredContractor(cloud);
    const draft = await createDraft(cloud, entity);
    expect((await ask(contractor.token, draft.tenderId)).status).toBe(404);
    const badLot = await ask(contractor.token, tender.tenderId, {
      question: 'Lô này?',
      lotId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    });
    expect(badLot.status).toBe(400);
    expect(badLot.body.errors[0].field).toBe('body.lotId');
    const extra = await ask(contractor.token, tender.tenderId, { question: 'x', contractorId: 'me' });
    expect(extra.status).toBe(400);
    expect(extra.body.errors[0].field).toBe('body.contractorId');

    // Just before the questions deadline, then just after it (the stored deadline is moved).
    const ok = await ask(contractor.token, tender.tenderId);
    expect(ok.status).toBe(201);
    await setStoredDeadline(tender.tenderId, 'questionsDeadline', fromNow(-1000));
    const late = await ask(contractor.token, tender.tenderId);
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain('questions closed');
    const mine = await cloud.call('GET', `/me/questions?tenderId=${tender.tenderId}`, {
      token: contractor.token,
    });
    expect(mine.body.items).toHaveLength(1);
    expect(
      (await tenderAuditTrail(tender.tenderId)).filter((e) => e.action === 'question.asked'),
    ).toHaveLength(1);
  });

  it('refuses questions on a cancelled tender', async () => {
    const tender = await publishedTender(cloud, entity);
    await cloud.call('POST', `/tenders/${tender.tenderId}/cancel`, {
      token: entity.token,
      headers: ifMatch(tender.version),
      body: { reason: 'Hủy' },
    });
    const contractor = await registeredContractor(cloud);
    expect((await ask(contractor.token, tender.tenderId)).status).toBe(409);
  });
});

describe('answering and reading', () => {
  it('keeps each asker to their own questions and never shows who asked', async () => {
    const tender = await publishedTender(cloud, entity);
    const alice = await registeredContractor(cloud);
    const bob = await registeredContractor(cloud);
    const a = (await ask(alice.token, tender.tenderId, { question: 'Câu hỏi của A' })).body;
    const b = (await ask(bob.token, tender.tenderId, { question: 'Câu hỏi của B' })).body;

    const alices = await cloud.call('GET', `/me/questions?tenderId=${tender.tenderId}`, {
      token: alice.token,
    });
    expect(alices.body.items.map((q: any) => q.questionId)).toEqual([a.questionId]);
    const missingTender = await cloud.call('GET', '/me/questions', { token: alice.token });
    expect(missingTender.status).toBe(400);
    expect(missingTender.body.errors[0].field).toBe('query.tenderId');

    const other = await procuringEntity(cloud);
    const hijack = await cloud.call('POST', `/tenders/${tender.tenderId}/questions/${a.questionId}/answer`, {
      token: other.token,
      body: { answer: 'Không' },
    });
    expect(hijack.status).toBe(403);
    const byContractor = await cloud.call(
      'POST',
      `/tenders/${tender.tenderId}/questions/${a.questionId}/answer`,
      {
        token: bob.token,
        body: { answer: 'Không' },
      },
    );
    expect(byContractor.status).toBe(403);
    const unknown = await cloud.call(
      'POST',
      `/tenders/${tender.tenderId}/questions/01ARZ3NDEKTSV4RRFFQ69G5FAV/answer`,
      { token: entity.token, body: { answer: 'x' } },
    );
    expect(unknown.status).toBe(404);

    const answer = await cloud.call('POST', `/tenders/${tender.tenderId}/questions/${a.questionId}/answer`, {
      token: entity.token,
      body: { answer: '24 tháng' },
    });
    expect(answer.status).toBe(200);
    const twice = await cloud.call('POST', `/tenders/${tender.tenderId}/questions/${a.questionId}/answer`, {
      token: entity.token,
      body: { answer: '36 tháng' },
    });
    expect(twice.status).toBe(409);
    expect(
      await storedItem(
        'TABLE_TENDERS',
        questionEntity.pk({ tenderId: tender.tenderId }),
        questionEntity.sk({ questionId: a.questionId }),
      ),
    ).toMatchObject({
      status: 'answered',
      answer: '24 tháng',
      askerContractorId: alice.contractorId,
      answeredBySub: entity.sub,
    });

    const publicList = await cloud.call('GET', `/tenders/${tender.tenderId}/questions`);
    expect(publicList.body.items).toEqual([
      {
        questionId: a.questionId,
        tenderId: tender.tenderId,
        question: 'Câu hỏi của A',
        status: 'answered',
        askedAt: a.askedAt,
        answer: '24 tháng',
        answeredAt: answer.body.answeredAt,
      },
    ]);
    const open = await cloud.call('GET', `/entity/tenders/${tender.tenderId}/questions?status=open`, {
      token: entity.token,
    });
    expect(open.body.items.map((q: any) => q.questionId)).toEqual([b.questionId]);
    const everything = JSON.stringify([
      publicList.body,
      open.body,
      alices.body,
      (await cloud.call('GET', `/tenders/${tender.tenderId}`)).body,
    ]);
    for (const secret of [
      alice.contractorId,
      alice.sub,
      bob.contractorId,
      bob.sub,
      'askerSub',
      'answeredBySub',
    ]) {
      expect(everything).not.toContain(secret);
    }

    const askedEvents = await auditEventsOf('question', a.questionId);
    expect(askedEvents.map((e) => e.action).sort()).toEqual(['question.answered', 'question.asked']);
    const asked = askedEvents.find((e) => e.action === 'question.asked');
    expect(asked).toMatchObject({
      tenderId: tender.tenderId,
      actor: { sub: alice.sub, role: 'contractor' },
      change: { askerContractorId: alice.contractorId },
    });
    expect(askedEvents.find((e) => e.action === 'question.answered')).toMatchObject({
      actor: { sub: entity.sub, organisationId: entity.organisationId },
    });
  });

  it('paginates the public answers', async () => {
    const tender = await publishedTender(cloud, entity);
    const contractor = await registeredContractor(cloud);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const q = (await ask(contractor.token, tender.tenderId, { question: `Câu hỏi ${i}` })).body;
      ids.push(q.questionId);
      // Every other question stays unanswered: filtered pages must still fill up.
      if (i % 2 === 0) {
        await cloud.call('POST', `/tenders/${tender.tenderId}/questions/${q.questionId}/answer`, {
          token: entity.token,
          body: { answer: `Trả lời ${i}` },
        });
      }
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await cloud.call(
        'GET',
        `/tenders/${tender.tenderId}/questions?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      sizes.push(page.body.items.length);
      seen.push(...page.body.items.map((q: any) => q.questionId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids[0], ids[2], ids[4]]);
    expect(sizes[0]).toBe(2);
  });
});
