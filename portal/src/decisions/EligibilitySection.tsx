// One verdict per bid and criterion: pass, or fail with the reason (the API refuses a failure
// without one, and the refusal shows beside the reason). Every bid needs its verdicts before the
// ranking; a new verdict after a ranking makes that ranking stale (the API moves the stage back).
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, orThrow } from '../api/client';
import { Money } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { describedIn, FieldProblem } from './fields';
import { evaluationEtag, ifMatchHeader } from './http';
import { type DecisionQueries, useRefresh } from './queries';
import type { EvaluationBid } from './types';

/** The criteria of an eligibility check (Decree 214/2025: legal status, bid security, capacity; technical). */
export const eligibilityCriteria = [
  'legal-status',
  'bid-security',
  'capacity-experience',
  'technical-specification',
] as const;

function VerdictForm({
  queries,
  tenderId,
  bid,
  disabled,
}: {
  queries: DecisionQueries;
  tenderId: string;
  bid: EvaluationBid;
  disabled: boolean;
}) {
  const intl = useIntl();
  const refresh = useRefresh(tenderId);
  const scope = `eligibility-${bid.bidId}`;
  const [criterion, setCriterion] = useState<string>(eligibilityCriteria[0]);
  const [pass, setPass] = useState(true);
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: async () => {
      const read = queries.evaluation.data;
      return orThrow(
        await api.PUT('/tenders/{tenderId}/evaluation/bids/{bidId}/eligibility/{criterion}', {
          params: {
            path: { tenderId, bidId: bid.bidId, criterion },
            header: ifMatchHeader(read ? evaluationEtag(read) : undefined),
          },
          body: { pass, ...(reason.trim() ? { reason: reason.trim() } : {}) },
        }),
      );
    },
    onSuccess: async () => {
      setReason('');
      await refresh();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="entry-form" onSubmit={submit} aria-labelledby={`${scope}-legend`}>
      <p id={`${scope}-legend`} className="form-title">
        <FormattedMessage
          id="decisions.eligibility.formTitle"
          values={{ name: bid.contractorName ?? bid.contractorId }}
        />
      </p>
      <div className="field">
        <label htmlFor={`${scope}-criterion`}>
          <FormattedMessage id="decisions.eligibility.criterion" />
        </label>
        <select id={`${scope}-criterion`} value={criterion} onChange={(e) => setCriterion(e.target.value)}>
          {eligibilityCriteria.map((c) => (
            <option key={c} value={c}>
              {intl.formatMessage({ id: `decisions.criterion.${c}` })}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="choice">
        <legend>
          <FormattedMessage id="decisions.eligibility.result" />
        </legend>
        <label>
          <input type="radio" name={`${scope}-pass`} checked={pass} onChange={() => setPass(true)} />{' '}
          <FormattedMessage id="decisions.eligibility.pass" />
        </label>
        <label>
          <input type="radio" name={`${scope}-pass`} checked={!pass} onChange={() => setPass(false)} />{' '}
          <FormattedMessage id="decisions.eligibility.fail" />
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={`${scope}-reason`}>
          <FormattedMessage id="decisions.eligibility.reason" />
        </label>
        <textarea
          id={`${scope}-reason`}
          value={reason}
          rows={2}
          onChange={(e) => setReason(e.target.value)}
          {...describedIn(scope, save.error, 'reason')}
        />
        <FieldProblem scope={scope} name="reason" error={save.error} />
      </div>
      <div className="actions">
        <button type="submit" disabled={disabled || save.isPending}>
          <FormattedMessage id="decisions.eligibility.save" />
        </button>
      </div>
      <ProblemAlert error={save.error} />
    </form>
  );
}

export function EligibilitySection({ queries, tenderId }: { queries: DecisionQueries; tenderId: string }) {
  const { evaluation, tender, awards } = queries;
  const intl = useIntl();
  const bids = evaluation.data?.data.bids ?? [];
  const closed = tender.data?.data.status !== 'evaluating' || (awards.data?.items.length ?? 0) > 0;
  return (
    <section id="eligibility" aria-labelledby="eligibility-title" className="step">
      <h2 id="eligibility-title">
        <FormattedMessage id="decisions.step.eligibility" />
      </h2>
      <p>
        <FormattedMessage id="decisions.eligibility.intro" />
      </p>
      <ProblemAlert error={evaluation.error} />
      {evaluation.data && bids.length === 0 ? (
        <p>
          <FormattedMessage id="decisions.eligibility.noBids" />
        </p>
      ) : null}
      {closed && evaluation.data ? (
        <p className="notice">
          <FormattedMessage id="decisions.evaluationClosed" />
        </p>
      ) : null}
      <ul className="cards">
        {bids.map((bid) => (
          <li key={bid.bidId} className="card bid" data-bid-id={bid.bidId}>
            <h3>{bid.contractorName ?? bid.contractorId}</h3>
            {bid.price ? (
              <p>
                <FormattedMessage id="decisions.col.price" />:{' '}
                <Money amount={bid.price.amount} currency={bid.price.currency} />
              </p>
            ) : null}
            {bid.eligibility.length === 0 ? (
              <p className="pending">
                <FormattedMessage id="decisions.eligibility.noVerdict" />
              </p>
            ) : (
              <ul className="verdicts">
                {bid.eligibility.map((v) => (
                  <li key={v.criterion} data-criterion={v.criterion} data-pass={String(v.pass)}>
                    {intl.messages[`decisions.criterion.${v.criterion}`]
                      ? intl.formatMessage({ id: `decisions.criterion.${v.criterion}` })
                      : v.criterion}
                    {': '}
                    <strong>
                      <FormattedMessage
                        id={v.pass ? 'decisions.eligibility.pass' : 'decisions.eligibility.fail'}
                      />
                    </strong>
                    {v.reason ? <span className="reason"> ({v.reason})</span> : null}
                  </li>
                ))}
              </ul>
            )}
            {closed ? null : (
              <VerdictForm queries={queries} tenderId={tenderId} bid={bid} disabled={closed} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
