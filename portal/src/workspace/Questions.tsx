// Questions on the tender (askers are never shown): open ones with an answer box each; answered
// ones with their published answer.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { api, orThrow } from '../api/client';
import { DateTime } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { type Question, useQuestions } from './api';
import { Field, inputProps } from './fields';

function AnswerForm({ question, etag }: { question: Question; etag: string }) {
  const queryClient = useQueryClient();
  const [answer, setAnswer] = useState('');
  const name = `answer-${question.questionId}`;
  const send = useMutation({
    mutationFn: async () =>
      orThrow(
        await api.POST('/tenders/{tenderId}/questions/{questionId}/answer', {
          params: { path: { tenderId: question.tenderId, questionId: question.questionId } },
          headers: { 'if-match': etag },
          body: { answer },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['entity-questions', question.tenderId] });
      await queryClient.invalidateQueries({ queryKey: ['entity-tender', question.tenderId] });
    },
  });
  // errors[].field is body.answer; this form's input is named per question.
  const error = send.error;
  return (
    <form
      className="ws-form"
      onSubmit={(event) => {
        event.preventDefault();
        send.mutate();
      }}
    >
      <ProblemAlert error={error} />
      <Field
        name="answer"
        htmlFor={`f-${name}`}
        label={<FormattedMessage id="ws.questions.answer" />}
        error={error}
      >
        <textarea
          {...inputProps(error, 'answer')}
          id={`f-${name}`}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
        />
      </Field>
      <div className="actions">
        <button type="submit" disabled={send.isPending}>
          <FormattedMessage id="ws.questions.send" />
        </button>
      </div>
    </form>
  );
}

export function Questions({ tenderId, etag }: { tenderId: string; etag: string }) {
  const questions = useQuestions(tenderId);
  return (
    <section className="ws-section" aria-labelledby="ws-questions-heading" id="ws-questions">
      <h2 id="ws-questions-heading">
        <FormattedMessage id="ws.questions.title" />
      </h2>
      <ProblemAlert error={questions.error} />
      {questions.data?.items.length === 0 ? (
        <p>
          <FormattedMessage id="ws.questions.none" />
        </p>
      ) : null}
      <ul className="cards">
        {questions.data?.items.map((q) => (
          <li key={q.questionId} className="card" data-question-id={q.questionId} data-status={q.status}>
            <p className="question">{q.question}</p>
            <p className="hint">
              <FormattedMessage id="ws.questions.askedAt" values={{ at: <DateTime value={q.askedAt} /> }} />
            </p>
            {q.answer ? <p className="answer">{q.answer}</p> : <AnswerForm question={q} etag={etag} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
