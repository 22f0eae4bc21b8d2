// Technical scores (combined and technical-score methods): each evaluator scores each bid on each
// criterion, points out of a maximum; the ranking averages the evaluators' sheets, so every
// evaluator scores the same criteria out of the same maxima (the API says so when not).
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { api, orThrow } from '../api/client';
import { ProblemAlert } from '../components/problems';
import { describedIn, FieldProblem } from './fields';
import { evaluationEtag, ifMatchHeader } from './http';
import { type DecisionQueries, useRefresh } from './queries';
import type { EvaluationBid } from './types';

function ScoreForm({
  queries,
  tenderId,
  bid,
}: {
  queries: DecisionQueries;
  tenderId: string;
  bid: EvaluationBid;
}) {
  const refresh = useRefresh(tenderId);
  const scope = `score-${bid.bidId}`;
  const [criterion, setCriterion] = useState('');
  const [points, setPoints] = useState('');
  const [outOf, setOutOf] = useState('100');
  const save = useMutation({
    mutationFn: async () => {
      const read = queries.evaluation.data;
      return orThrow(
        await api.PUT('/tenders/{tenderId}/evaluation/bids/{bidId}/technical-scores/{criterion}', {
          params: {
            path: { tenderId, bidId: bid.bidId, criterion: criterion.trim() },
            header: ifMatchHeader(read ? evaluationEtag(read) : undefined),
          },
          body: { points: Number(points), outOf: Number(outOf) },
        }),
      );
    },
    onSuccess: async () => {
      setPoints('');
      await refresh();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="entry-form" onSubmit={submit} aria-labelledby={`${scope}-title`}>
      <p id={`${scope}-title`} className="form-title">
        <FormattedMessage
          id="decisions.scores.formTitle"
          values={{ name: bid.contractorName ?? bid.contractorId }}
        />
      </p>
      <div className="field">
        <label htmlFor={`${scope}-criterion`}>
          <FormattedMessage id="decisions.scores.criterion" />
        </label>
        <input
          id={`${scope}-criterion`}
          value={criterion}
          required
          pattern="[a-z0-9][a-z0-9\-]{0,63}"
          onChange={(e) => setCriterion(e.target.value)}
          {...describedIn(scope, save.error, 'criterion', `${scope}-criterion-hint`)}
        />
        <p className="hint" id={`${scope}-criterion-hint`}>
          <FormattedMessage id="decisions.scores.criterionHint" />
        </p>
        <FieldProblem scope={scope} name="criterion" error={save.error} />
      </div>
      <div className="field">
        <label htmlFor={`${scope}-points`}>
          <FormattedMessage id="decisions.scores.points" />
        </label>
        <input
          id={`${scope}-points`}
          type="number"
          inputMode="numeric"
          min={0}
          required
          value={points}
          onChange={(e) => setPoints(e.target.value)}
          {...describedIn(scope, save.error, 'points')}
        />
        <FieldProblem scope={scope} name="points" error={save.error} />
      </div>
      <div className="field">
        <label htmlFor={`${scope}-outOf`}>
          <FormattedMessage id="decisions.scores.outOf" />
        </label>
        <input
          id={`${scope}-outOf`}
          type="number"
          inputMode="numeric"
          min={1}
          required
          value={outOf}
          onChange={(e) => setOutOf(e.target.value)}
          {...describedIn(scope, save.error, 'outOf')}
        />
        <FieldProblem scope={scope} name="outOf" error={save.error} />
      </div>
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          <FormattedMessage id="decisions.scores.save" />
        </button>
      </div>
      <ProblemAlert error={save.error} />
    </form>
  );
}

export function ScoresSection({
  queries,
  tenderId,
  sub,
}: {
  queries: DecisionQueries;
  tenderId: string;
  sub: string;
}) {
  const { evaluation, tender, awards } = queries;
  const bids = evaluation.data?.data.bids ?? [];
  const closed = tender.data?.data.status !== 'evaluating' || (awards.data?.items.length ?? 0) > 0;
  return (
    <section id="scores" aria-labelledby="scores-title" className="step">
      <h2 id="scores-title">
        <FormattedMessage id="decisions.step.scores" />
      </h2>
      <p>
        <FormattedMessage id="decisions.scores.intro" />
      </p>
      <ul className="cards">
        {bids.map((bid) => (
          <li key={bid.bidId} className="card bid" data-bid-id={bid.bidId}>
            <h3>{bid.contractorName ?? bid.contractorId}</h3>
            {bid.technicalScores.length === 0 ? (
              <p className="pending">
                <FormattedMessage id="decisions.scores.none" />
              </p>
            ) : (
              <ul className="scores">
                {bid.technicalScores.map((s) => (
                  <li key={`${s.evaluatorId}/${s.criterion}`} data-criterion={s.criterion}>
                    <FormattedMessage
                      id={s.evaluatorId === sub ? 'decisions.scores.mine' : 'decisions.scores.other'}
                      values={{
                        criterion: s.criterion,
                        points: s.points,
                        outOf: s.outOf,
                        evaluator: s.evaluatorId,
                      }}
                    />
                  </li>
                ))}
              </ul>
            )}
            {closed ? null : <ScoreForm queries={queries} tenderId={tenderId} bid={bid} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
