// A labelled input and a form-level error for the auth pages; the error is a catalogue message
// chosen by Cognito's exception name (auth.error.<Name>, else a generic one).
import { FormattedMessage, useIntl } from 'react-intl';

export function Field(props: {
  id: string;
  label: string;
  type?: string;
  autoComplete?: string;
  value: string;
  onChange: (value: string) => void;
  describedBy?: string;
}) {
  const intl = useIntl();
  return (
    <div className="field">
      <label htmlFor={props.id}>{intl.formatMessage({ id: props.label })}</label>
      <input
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        required
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-describedby={props.describedBy}
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

export function AuthError({ id, type }: { id: string; type: string | undefined }) {
  if (!type) return null;
  return (
    <p id={id} className="field-error" role="alert">
      <FormattedMessage id={knownErrors.has(type) ? `auth.error.${type}` : 'auth.error.generic'} />
    </p>
  );
}
