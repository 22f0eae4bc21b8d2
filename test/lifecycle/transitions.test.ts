// The tables' guards and effects as the writers apply them, without a database.
import { describe, expect, it } from 'vitest';
import { Conflict } from '../../shared/errors/domain-error.ts';
import { problemFor } from '../../shared/http/domain-problem.ts';
import { transaction } from '../../shared/lifecycle/commit.ts';
import { awardLifecycle, evaluationLifecycle, tenderLifecycle } from '../../shared/lifecycle/tables.ts';
import { TenderStatus } from '../../shared/tenders/tender-schemas.ts';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('not refused');
};

describe('transition tables', () => {
  it('know every tender status the API declares, and no other', () => {
    expect([...tenderLifecycle.states].sort()).toEqual([...TenderStatus.options].sort());
  });

  it('refuse a transition from a state it does not start from with a 409 naming that state', () => {
    const error = refusal(() => tenderLifecycle.next('publish', 'cancelled')) as Conflict;
    expect(error).toBeInstanceOf(Conflict);
    expect(error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(error.message).toBe('cannot publish a cancelled tender');
    expect(error.details).toEqual({ currentStatus: 'cancelled' });
    expect(problemFor(error)?.toBody()).toMatchObject({
      status: 409,
      code: 'TRANSITION_NOT_ALLOWED',
      currentStatus: 'cancelled',
    });
    const stage = refusal(() => evaluationLifecycle.next('rank', 'entries', 'rank the bids')) as Conflict;
    expect(stage.message).toBe('cannot rank the bids while the evaluation is at entries');
  });

  it('lead where the table says, and keep the state for rows without a target', () => {
    expect(tenderLifecycle.next('create', undefined)).toBe('draft');
    expect(tenderLifecycle.next('amend', 'published')).toBe('published');
    expect(tenderLifecycle.next('awardLast', 'evaluating')).toBe('awarded');
    expect(awardLifecycle.allows('make', 'active')).toBe(false);
    expect(awardLifecycle.allows('remake', 'active')).toBe(true);
  });

  it('hold the no-bids rule and the outage extension as rows of the tender table', () => {
    expect(tenderLifecycle.next('closeWithoutBids', 'closed')).toBe('no-bids');
    expect(tenderLifecycle.next('extendAfterNoBids', 'no-bids')).toBe('published');
    expect(tenderLifecycle.next('declareUnsuccessfulNoBids', 'no-bids')).toBe('unsuccessful');
    expect(tenderLifecycle.next('extendForIncident', 'published')).toBe('published');
    // A tender with bids is never decided on as a no-bids one, nor a claimed one extended.
    expect(tenderLifecycle.allows('declareUnsuccessfulNoBids', 'closed')).toBe(false);
    expect(tenderLifecycle.allows('extendAfterNoBids', 'opened')).toBe(false);
    expect(tenderLifecycle.allows('extendForIncident', 'closed')).toBe(false);
    expect(tenderLifecycle.allows('closeWithoutBids', 'published')).toBe(false);
  });

  it('refuse effects a row does not declare, and demand those it does', () => {
    const step = { aggregate: 'tender', transition: 'publish', spec: tenderLifecycle.transitions.publish };
    const base = {
      actor: { sub: 'x', role: 'system' as const },
      object: { type: 'tender', id: 't' },
      tenderId: 't',
      change: {},
      at: '2030-01-01T00:00:00.000Z',
    };
    const put = { Put: { TableName: 't', Item: {} } };
    expect(() => transaction([step], { ...base, items: { revision: put } })).toThrow(/openingKey/);
    expect(() =>
      transaction([step], {
        ...base,
        items: { revision: put, openingKey: put, other: put },
        timers: { opening: async () => {} },
      }),
    ).toThrow(/other/);
    expect(() => transaction([step], { ...base, items: { revision: put, openingKey: put } })).toThrow(
      /opening/,
    );
    const ok = transaction([step], {
      ...base,
      items: { revision: put, openingKey: put },
      timers: { opening: async () => {} },
    });
    expect(ok.action).toBe('tender.published');
    expect(ok.writes).toHaveLength(2);
  });
});
