// A field's refusal beside it, for pages with many forms of the same fields (one per bid, lot or
// petition): the message's id is scoped by the form, so each aria-describedby points at its own.
import { FormattedMessage } from 'react-intl';
import { fieldError, problemOf, useProblemMessageId } from '../components/problems';

const messageId = (scope: string, name: string) =>
  `field-error-${scope}-${name}`.replace(/[^a-zA-Z0-9_-]/g, '-');

export function FieldProblem({ scope, name, error }: { scope: string; name: string; error: unknown }) {
  const problemMessageId = useProblemMessageId();
  const problem = fieldError(error, name);
  if (!problem) return null;
  const id = problem.code ? problemMessageId(problem.code) : 'field.invalid';
  return (
    <p
      className="field-error"
      id={messageId(scope, name)}
      data-code={problem.code ?? problemOf(error)?.code}
      data-field={name}
    >
      <FormattedMessage id={id === 'problem.generic' ? 'field.invalid' : id} />
    </p>
  );
}

/** aria-invalid and aria-describedby (the field's hint, then its refusal) for an input. */
export function describedIn(scope: string, error: unknown, name: string, hintId?: string) {
  const refused = fieldError(error, name) !== undefined;
  const ids = [hintId, refused ? messageId(scope, name) : undefined].filter(Boolean).join(' ');
  return {
    ...(refused ? { 'aria-invalid': true as const } : {}),
    ...(ids ? { 'aria-describedby': ids } : {}),
  };
}
