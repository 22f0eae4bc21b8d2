// Two envelopes: the technical review ends with the approved list of compliant bids; only their
// financial envelopes are then opened (202: the page polls until the financial minutes are out).
// The list must be exactly the bids that passed every criterion (and the technical minimum): the
// form starts from that, and the API's refusal shows beside the list when it is not.
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { api, orThrow } from '../api/client';
import { ProblemAlert } from '../components/problems';
import { describedIn, FieldProblem } from './fields';
import { evaluationEtag, ifMatchHeader } from './http';
import { type DecisionQueries, useRefresh } from './queries';
import type { Evaluation } from './types';

const passedAll = (bid: Evaluation['bids'][number]) =>
  bid.eligibility.length > 0 && bid.eligibility.every((v) => v.pass);

function ApprovalForm({
  queries,
  tenderId,
  state,
}: {
  queries: DecisionQueries;
  tenderId: string;
  state: Evaluation;
}) {
  const refresh = useRefresh(tenderId);
  const scope = 'approval';
  const [chosen, setChosen] = useState<ReadonlySet<string>>(
    () => new Set(state.bids.filter(passedAll).map((b) => b.bidId)),
  );
  const approve = useMutation({
    mutationFn: async () => {
      const read = queries.evaluation.data;
      return orThrow(
        await api.POST('/tenders/{tenderId}/evaluation/technical-approval', {
          params: { path: { tenderId }, header: ifMatchHeader(read ? evaluationEtag(read) : undefined) },
          body: { compliantBidIds: [...chosen] },
        }),
      );
    },
    onSuccess: refresh,
  });
  const toggle = (bidId: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(bidId);
    else next.delete(bidId);
    setChosen(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    approve.mutate();
  };
  return (
    <form className="entry-form" onSubmit={submit}>
      <fieldset className="choice" {...describedIn(scope, approve.error, 'compliantBidIds')}>
        <legend>
          <FormattedMessage id="decisions.approval.list" />
        </legend>
        {state.bids.map((bid) => (
          <label key={bid.bidId}>
            <input
              type="checkbox"
              value={bid.bidId}
              checked={chosen.has(bid.bidId)}
              onChange={(e) => toggle(bid.bidId, e.target.checked)}
            />{' '}
            {bid.contractorName ?? bid.contractorId}
          </label>
        ))}
      </fieldset>
      <FieldProblem scope={scope} name="compliantBidIds" error={approve.error} />
      <div className="actions">
        <button type="submit" disabled={approve.isPending}>
          <FormattedMessage id="decisions.approval.submit" />
        </button>
      </div>
      <ProblemAlert error={approve.error} />
    </form>
  );
}

export function TechnicalApprovalSection({
  queries,
  tenderId,
}: {
  queries: DecisionQueries;
  tenderId: string;
}) {
  const state = queries.evaluation.data?.data;
  if (!state?.twoEnvelope) return null;
  const names = new Map(state.bids.map((b) => [b.bidId, b.contractorName ?? b.contractorId]));
  return (
    <section id="approval" aria-labelledby="approval-title" className="step" data-stage={state.stage}>
      <h2 id="approval-title">
        <FormattedMessage id="decisions.step.approval" />
      </h2>
      <p>
        <FormattedMessage id="decisions.approval.intro" />
      </p>
      {state.stage === 'entries' && queries.tender.data?.data.status === 'evaluating' ? (
        // Keyed by the bids that passed: a verdict given on this page starts the form afresh from them.
        <ApprovalForm
          key={state.bids
            .filter(passedAll)
            .map((b) => b.bidId)
            .join(' ')}
          queries={queries}
          tenderId={tenderId}
          state={state}
        />
      ) : null}
      {state.stage === 'technical-approved' ? (
        <p role="status">
          <FormattedMessage id="decisions.approval.opening" />
        </p>
      ) : null}
      {state.compliantBidIds ? (
        <>
          <p>
            <FormattedMessage id="decisions.approval.approved" />
          </p>
          <ul className="approved">
            {state.compliantBidIds.map((id) => (
              <li key={id} data-bid-id={id}>
                {names.get(id) ?? id}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
