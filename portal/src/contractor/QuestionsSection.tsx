// A contractor's clarification questions on one tender: its own questions with their answers
// (GET /me/questions: only the asker sees who asked; everyone sees the answer on the public page),
// and, until the tender's questions deadline, a form to ask one, about the whole tender or one lot.
// After the deadline the form gives way to a line saying when it closed; the API refuses a late
// question anyway, and its refusal is shown beside the field like any other.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { api, orThrow } from '../api/client';
import { DateTime } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { describedIn, FieldProblem } from '../decisions/fields';
import type { PublicTender } from './api';

const scope = 'ask';

function AskForm({ tender }: { tender: PublicTender }) {
  const client = useQueryClient();
  const [question, setQuestion] = useState('');
  const [lotId, setLotId] = useState('');
  const ask = useMutation({
    mutationFn: async () =>
      orThrow(
        await api.POST('/tenders/{tenderId}/questions', {
          params: { path: { tenderId: tender.tenderId } },
          body: { question: question.trim(), ...(lotId ? { lotId } : {}) },
        }),
      ),
    onSuccess: () => {
      setQuestion('');
      return client.invalidateQueries({ queryKey: ['account-questions', tender.tenderId] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    ask.mutate();
  };
  return (
    <form className="entry-form ask-form" onSubmit={submit} aria-labelledby="ask-title">
      <p id="ask-title" className="form-title">
        <FormattedMessage id="account.questions.ask" />
      </p>
      <p className="hint" id="ask-hint">
        <FormattedMessage
          id="account.questions.until"
          values={{ at: <DateTime value={tender.questionsDeadline} /> }}
        />
      </p>
      {tender.lots.length > 1 ? (
        <div className="field">
          <label htmlFor="ask-lot">
            <FormattedMessage id="account.questions.lot" />
          </label>
          <select id="ask-lot" value={lotId} onChange={(e) => setLotId(e.target.value)}>
            <FormattedMessage id="account.questions.wholeTender">
              {(text) => <option value="">{text}</option>}
            </FormattedMessage>
            {tender.lots.map((lot) => (
              <option key={lot.lotId} value={lot.lotId}>
                {lot.title}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="ask-question">
          <FormattedMessage id="account.questions.text" />
        </label>
        <textarea
          id="ask-question"
          rows={4}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          {...describedIn(scope, ask.error, 'question', 'ask-hint')}
        />
        <FieldProblem scope={scope} name="question" error={ask.error} />
      </div>
      <div className="actions">
        <button type="submit" disabled={ask.isPending}>
          <FormattedMessage id="account.questions.submit" />
        </button>
      </div>
      <ProblemAlert error={ask.error} />
    </form>
  );
}

export function QuestionsSection({ tender, now }: { tender: PublicTender; now: number }) {
  const mine = useQuery({
    queryKey: ['account-questions', tender.tenderId],
    queryFn: async () =>
      orThrow(
        await api.GET('/me/questions', { params: { query: { tenderId: tender.tenderId, limit: 100 } } }),
      ),
  });
  const open = tender.status === 'published' && Date.parse(tender.questionsDeadline) > now;
  const items = mine.data?.items ?? [];
  return (
    <section id="questions" aria-labelledby="questions-title" className="step">
      <h2 id="questions-title">
        <FormattedMessage id="account.questions.title" />
      </h2>
      <ProblemAlert error={mine.error} />
      {mine.data && items.length === 0 ? (
        <p>
          <FormattedMessage id="account.questions.none" />
        </p>
      ) : null}
      <ul className="cards">
        {items.map((q) => (
          <li
            key={q.questionId}
            className="card question"
            data-question-id={q.questionId}
            data-status={q.status}
          >
            <p>
              <FormattedMessage
                id="account.questions.askedAt"
                values={{ at: <DateTime value={q.askedAt} /> }}
              />
            </p>
            <blockquote className="question-text">{q.question}</blockquote>
            {q.answer ? (
              <div className="answer">
                <p>
                  <FormattedMessage
                    id="account.questions.answeredAt"
                    values={{ at: q.answeredAt ? <DateTime value={q.answeredAt} /> : '—' }}
                  />
                </p>
                <p className="answer-text">{q.answer}</p>
              </div>
            ) : (
              <p className="waiting">
                <FormattedMessage id="account.questions.waiting" />
              </p>
            )}
          </li>
        ))}
      </ul>
      {open ? (
        <AskForm tender={tender} />
      ) : (
        <p className="questions-closed">
          <FormattedMessage
            id="account.questions.closed"
            values={{ at: <DateTime value={tender.questionsDeadline} /> }}
          />
        </p>
      )}
    </section>
  );
}
