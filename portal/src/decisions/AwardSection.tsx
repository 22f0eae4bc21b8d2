// The award of each ranked lot: to its first-ranked bid, or to a lower one with the reason the
// better ones were passed over (the API refuses it without, and the refusal shows beside the
// reason). The award starts the standstill in which bidders may petition; an upheld petition
// reopens the lot for a new award.
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { api, orThrow } from '../api/client';
import { DateTime, Money } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { describedIn, FieldProblem } from './fields';
import { ifMatchHeader } from './http';
import { type DecisionQueries, useRefresh } from './queries';
import type { OwnTender } from './types';

interface Ranked {
  readonly rank: number;
  readonly bidId: string;
  readonly name: string;
  readonly amount?: string;
}

function AwardForm({
  queries,
  tender,
  lotId,
  ranked,
}: {
  queries: DecisionQueries;
  tender: OwnTender;
  lotId: string;
  ranked: readonly Ranked[];
}) {
  const refresh = useRefresh(tender.tenderId);
  const scope = `award-${lotId}`;
  const [bidId, setBidId] = useState(ranked[0]?.bidId ?? '');
  const [reason, setReason] = useState('');
  const chosen = ranked.find((r) => r.bidId === bidId);
  const award = useMutation({
    mutationFn: async () =>
      orThrow(
        await api.POST('/tenders/{tenderId}/lots/{lotId}/award', {
          params: {
            path: { tenderId: tender.tenderId, lotId },
            header: ifMatchHeader(queries.tender.data?.etag),
          },
          body: { bidId, ...(reason.trim() ? { reason: reason.trim() } : {}) },
        }),
      ),
    onSuccess: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    award.mutate();
  };
  return (
    <form className="entry-form" onSubmit={submit} aria-labelledby={`${scope}-title`}>
      <p id={`${scope}-title`} className="form-title">
        <FormattedMessage id="decisions.award.formTitle" />
      </p>
      <fieldset className="choice" {...describedIn(scope, award.error, 'bidId')}>
        <legend>
          <FormattedMessage id="decisions.award.bid" />
        </legend>
        {ranked.map((r) => (
          <label key={r.bidId}>
            <input
              type="radio"
              name={`${scope}-bid`}
              value={r.bidId}
              checked={bidId === r.bidId}
              onChange={() => setBidId(r.bidId)}
            />{' '}
            <FormattedMessage id="decisions.award.option" values={{ rank: r.rank, name: r.name }} />
            {r.amount ? (
              <>
                {' — '}
                <Money amount={r.amount} currency={tender.currency} />
              </>
            ) : null}
          </label>
        ))}
        <FieldProblem scope={scope} name="bidId" error={award.error} />
      </fieldset>
      <div className="field">
        <label htmlFor={`${scope}-reason`}>
          <FormattedMessage id="decisions.award.reason" />
        </label>
        <textarea
          id={`${scope}-reason`}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...describedIn(scope, award.error, 'reason', `${scope}-reason-hint`)}
        />
        <p className="hint" id={`${scope}-reason-hint`}>
          <FormattedMessage
            id={chosen && chosen.rank > 1 ? 'decisions.award.reasonNeeded' : 'decisions.award.reasonHint'}
          />
        </p>
        <FieldProblem scope={scope} name="reason" error={award.error} />
      </div>
      <div className="actions">
        <button type="submit" disabled={award.isPending}>
          <FormattedMessage id="decisions.award.submit" />
        </button>
      </div>
      <ProblemAlert error={award.error} />
    </form>
  );
}

export function AwardSection({ queries, tender }: { queries: DecisionQueries; tender: OwnTender }) {
  const { report, awards, complaints, evaluation } = queries;
  const doc = report.data?.document.report;
  const names = new Map(
    (evaluation.data?.data.bids ?? []).map((b) => [b.bidId, b.contractorName ?? b.contractorId]),
  );
  const prices = new Map((doc?.steps.computation ?? []).map((c) => [c.bidId, c.priceAfterDiscount]));
  const ranked = evaluation.data?.data.stage === 'ranked';
  const lots = (doc?.steps.ranking ?? []).filter((l) => l.ranked.length > 0);
  const lotTitle = (lotId: string) => tender.lots.find((l) => l.lotId === lotId)?.title ?? lotId;
  return (
    <section id="award" aria-labelledby="award-title" className="step">
      <h2 id="award-title">
        <FormattedMessage id="decisions.step.award" />
      </h2>
      {lots.length === 0 ? (
        <p>
          <FormattedMessage id="decisions.award.notRanked" />
        </p>
      ) : null}
      <ul className="cards">
        {lots.map((lot) => {
          const current = awards.data?.items.find((a) => a.lotId === lot.lotId);
          const reopened =
            current?.status === 'active' &&
            (complaints.data?.items ?? []).some(
              (c) => c.lotId === lot.lotId && c.upheld === true && c.filedAt >= current.awardedAt,
            );
          const options = lot.ranked.map((r) => {
            const amount = prices.get(r.bidId);
            return {
              rank: r.rank,
              bidId: r.bidId,
              name: names.get(r.bidId) ?? r.contractorId,
              ...(amount ? { amount } : {}),
            };
          });
          return (
            <li key={lot.lotId} className="card lot" data-lot-id={lot.lotId}>
              <h3>{lotTitle(lot.lotId)}</h3>
              {current ? (
                <dl className="facts award" data-award-id={current.awardId} data-bid-id={current.bidId}>
                  <div>
                    <dt>
                      <FormattedMessage id="decisions.award.winner" />
                    </dt>
                    <dd>
                      <FormattedMessage
                        id="decisions.award.option"
                        values={{ rank: current.rank, name: current.contractorName ?? current.contractorId }}
                      />
                    </dd>
                  </div>
                  <div>
                    <dt>
                      <FormattedMessage id="decisions.award.amount" />
                    </dt>
                    <dd>
                      <Money amount={current.amount} currency={current.currency} />
                    </dd>
                  </div>
                  {current.reason ? (
                    <div>
                      <dt>
                        <FormattedMessage id="decisions.award.reason" />
                      </dt>
                      <dd className="award-reason">{current.reason}</dd>
                    </div>
                  ) : null}
                  <div>
                    <dt>
                      <FormattedMessage id="decisions.award.awardedAt" />
                    </dt>
                    <dd>
                      <DateTime value={current.awardedAt} />
                    </dd>
                  </div>
                  <div>
                    <dt>
                      <FormattedMessage id="decisions.award.standstill" />
                    </dt>
                    <dd>
                      <DateTime value={current.standstillEndsAt} />
                    </dd>
                  </div>
                </dl>
              ) : null}
              {ranked && (!current || reopened) ? (
                <AwardForm queries={queries} tender={tender} lotId={lot.lotId} ranked={options} />
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
