// A labelled input and a form-level error for the auth pages; the error is a catalogue message
// chosen by Cognito's exception name (auth.error.<Name>, else a generic one). A refusal that is
// about one field (a wrong password, a wrong code) is shown beside that field, tied to it with
// aria-describedby and aria-invalid; the rest under the form.
import { FormattedMessage, useIntl } from 'react-intl';

export function Field(props: {
  id: string;
  label: string;
  type?: string;
  autoComplete?: string;
  value: string;
  onChange: (value: string) => void;
  describedBy?: string;
  /** A Cognito exception name to show beside this field. */
  error?: string | undefined;
}) {
  const intl = useIntl();
  const errorId = `${props.id}-error`;
  const describedBy = [props.error ? errorId : undefined, props.describedBy].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={props.id}>{intl.formatMessage({ id: props.label })}</label>
      {props.error ? <AuthError id={errorId} type={props.error} /> : null}
      <input
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        required
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-describedby={describedBy || undefined}
        aria-invalid={props.error ? true : undefined}
      />
    </div>
  );
}

const knownErrors = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  'UserNotConfirmedException',
  'UsernameExistsException',
  'InvalidPasswordException',
  'CodeMismatchException',
  'ExpiredCodeException',
  'InvalidParameterException',
  'LimitExceededException',
  'TooManyRequestsException',
]);

// Which field each refusal is about (the sign-in, sign-up and code forms' field ids).
const fieldOfError: Record<string, string> = {
  NotAuthorizedException: 'password',
  UserNotFoundException: 'password',
  InvalidPasswordException: 'password',
  UsernameExistsException: 'email',
  CodeMismatchException: 'code',
  ExpiredCodeException: 'code',
};

/** The error to show beside field `id` (`password` covers `new-password` too), if it is about it. */
export function errorFor(id: string, type: string | undefined): string | undefined {
  if (!type) return undefined;
  return fieldOfError[type] === id.replace(/^new-/, '') ? type : undefined;
}

/** The error to show under the form: one that no field of `fields` shows. */
export function formError(fields: readonly string[], type: string | undefined): string | undefined {
  return fields.some((f) => errorFor(f, type)) ? undefined : type;
}

export function AuthError({ id, type }: { id: string; type: string | undefined }) {
  if (!type) return null;
  return (
    <p id={id} className="field-error" role="alert">
      <FormattedMessage id={knownErrors.has(type) ? `auth.error.${type}` : 'auth.error.generic'} />
    </p>
  );
}
