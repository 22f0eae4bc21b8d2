// Petitions against an award, filed by bidders during its standstill: each with the date its
// answer is due (7 working days, Decree 214/2025), overdue ones marked, and the answer form:
// dismissed, or upheld (which blocks the contract until the lot is awarded again).
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { api, orThrow } from '../api/client';
import { DateTime } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { describedIn, FieldProblem } from './fields';
import { ifMatchHeader } from './http';
import { type DecisionQueries, useRefresh } from './queries';
import type { Complaint, OwnTender } from './types';

function AnswerForm({
  queries,
  tender,
  complaint,
}: {
  queries: DecisionQueries;
  tender: OwnTender;
  complaint: Complaint;
}) {
  const refresh = useRefresh(tender.tenderId);
  const scope = `petition-${complaint.complaintId}`;
  const [answer, setAnswer] = useState('');
  const [upheld, setUpheld] = useState(false);
  const send = useMutation({
    mutationFn: async () =>
      orThrow(
        await api.POST('/tenders/{tenderId}/complaints/{complaintId}/answer', {
          params: {
            path: { tenderId: tender.tenderId, complaintId: complaint.complaintId },
            header: ifMatchHeader(queries.tender.data?.etag),
          },
          body: { answer: answer.trim(), upheld },
        }),
      ),
    onSuccess: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  return (
    <form className="entry-form" onSubmit={submit} aria-labelledby={`${scope}-title`}>
      <p id={`${scope}-title`} className="form-title">
        <FormattedMessage id="decisions.petitions.formTitle" />
      </p>
      <div className="field">
        <label htmlFor={`${scope}-answer`}>
          <FormattedMessage id="decisions.petitions.answer" />
        </label>
        <textarea
          id={`${scope}-answer`}
          rows={3}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
          {...describedIn(scope, send.error, 'answer')}
        />
        <FieldProblem scope={scope} name="answer" error={send.error} />
      </div>
      <fieldset className="choice">
        <legend>
          <FormattedMessage id="decisions.petitions.decision" />
        </legend>
        <label>
          <input type="radio" name={`${scope}-upheld`} checked={!upheld} onChange={() => setUpheld(false)} />{' '}
          <FormattedMessage id="decisions.petitions.dismiss" />
        </label>
        <label>
          <input type="radio" name={`${scope}-upheld`} checked={upheld} onChange={() => setUpheld(true)} />{' '}
          <FormattedMessage id="decisions.petitions.uphold" />
        </label>
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={send.isPending}>
          <FormattedMessage id="decisions.petitions.send" />
        </button>
      </div>
      <ProblemAlert error={send.error} />
    </form>
  );
}

export function PetitionsSection({ queries, tender }: { queries: DecisionQueries; tender: OwnTender }) {
  const { complaints } = queries;
  const items = complaints.data?.items ?? [];
  const lotTitle = (lotId: string) => tender.lots.find((l) => l.lotId === lotId)?.title ?? lotId;
  const now = Date.now();
  return (
    <section id="petitions" aria-labelledby="petitions-title" className="step">
      <h2 id="petitions-title">
        <FormattedMessage id="decisions.step.petitions" />
      </h2>
      <ProblemAlert error={complaints.error} />
      {complaints.data && items.length === 0 ? (
        <p>
          <FormattedMessage id="decisions.petitions.none" />
        </p>
      ) : null}
      <ul className="cards">
        {items.map((c) => {
          const overdue = c.status === 'pending' && Date.parse(c.answerDueBy) < now;
          return (
            <li
              key={c.complaintId}
              className="card petition"
              data-complaint-id={c.complaintId}
              data-status={c.status}
            >
              <h3>
                <FormattedMessage id="decisions.petitions.about" values={{ lot: lotTitle(c.lotId) }} />
              </h3>
              <p>
                <FormattedMessage
                  id="decisions.petitions.filedAt"
                  values={{ at: <DateTime value={c.filedAt} /> }}
                />
              </p>
              <blockquote className="petition-text">{c.text}</blockquote>
              {c.status === 'pending' ? (
                <p className={overdue ? 'due overdue' : 'due'}>
                  <FormattedMessage
                    id={overdue ? 'decisions.petitions.overdue' : 'decisions.petitions.dueBy'}
                    values={{ at: <DateTime value={c.answerDueBy} /> }}
                  />
                </p>
              ) : (
                <div className="petition-answer">
                  <p>
                    <strong>
                      <FormattedMessage
                        id={c.upheld ? 'decisions.petitions.upheld' : 'decisions.petitions.dismissed'}
                      />
                    </strong>{' '}
                    {c.answeredAt ? (
                      <FormattedMessage
                        id={
                          Date.parse(c.answeredAt) <= Date.parse(c.answerDueBy)
                            ? 'decisions.petitions.answeredInTime'
                            : 'decisions.petitions.answeredLate'
                        }
                        values={{ at: <DateTime value={c.answeredAt} /> }}
                      />
                    ) : null}
                  </p>
                  <p className="answer">{c.answer}</p>
                </div>
              )}
              {c.status === 'pending' ? <AnswerForm queries={queries} tender={tender} complaint={c} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
