// The API's refusals, shown in the reader's language: a message per stable `code` (a generic one
// for codes the catalogue lacks), and each field's own message beside its input, which points at
// it with aria-describedby. The server's English `detail` and `message` are never shown.
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiProblem, type Problem } from '../api/client';

type FieldError = NonNullable<Problem['errors']>[number];

export function problemOf(error: unknown): Problem | undefined {
  return error instanceof ApiProblem ? error.problem : undefined;
}

/** The catalogue id for a code: `problem.CODE` when translated, else the generic message. */
export function useProblemMessageId(): (code: string | undefined) => string {
  const intl = useIntl();
  return (code) => (code && intl.messages[`problem.${code}`] ? `problem.${code}` : 'problem.generic');
}

/** The field error naming `name` (errors[].field is `query.name`, `body.lots.0.title`, …). */
export function fieldError(error: unknown, name: string): FieldError | undefined {
  return problemOf(error)?.errors?.find((e) => e.field.split('.').slice(1).join('.') === name);
}

export const fieldMessageId = (name: string) => `field-error-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** The message shown under a field; render it whenever fieldError(...) is defined. */
export function FieldMessage({ name, error }: { name: string; error: unknown }) {
  const messageId = useProblemMessageId();
  const problem = fieldError(error, name);
  if (!problem) return null;
  const id = problem.code ? messageId(problem.code) : 'field.invalid';
  return (
    <p className="field-error" id={fieldMessageId(name)} data-code={problem.code ?? problemOf(error)?.code}>
      <FormattedMessage id={id === 'problem.generic' ? 'field.invalid' : id} />
    </p>
  );
}

/** Props that tie an input to its message when the last refusal named it. */
export function describedBy(error: unknown, name: string) {
  return fieldError(error, name)
    ? { 'aria-invalid': true as const, 'aria-describedby': fieldMessageId(name) }
    : {};
}

export function ProblemAlert({ error }: { error: unknown }) {
  const messageId = useProblemMessageId();
  if (!error) return null;
  const problem = problemOf(error);
  return (
    <div className="problem" role="alert" data-code={problem?.code ?? 'NETWORK'}>
      <p>
        <FormattedMessage id={problem ? messageId(problem.code) : 'problem.NETWORK'} />
      </p>
      {problem ? (
        <p className="problem-code">
          <FormattedMessage id="problem.reference" values={{ code: problem.code, status: problem.status }} />
        </p>
      ) : null}
    </div>
  );
}
