// Contractors sign up themselves: e-mail, name and password (Cognito SignUp), then the code
// e-mailed to them (ConfirmSignUp; locally the code is printed in the log). Confirmation puts
// them in the contractor group (the post-confirmation trigger); then they are signed in with the
// password they chose, as a contractor.
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import { confirmSignUp, resendCode, signIn, signUp } from './cognito';
import { AuthError, errorFor, Field, formError } from './fields';
import { saveSession } from './session';

export function SignUp() {
  const { lang } = useParams();
  const intl = useIntl();
  const navigate = useNavigate();
  const [step, setStep] = useState<'details' | 'code' | 'done'>('details');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>, next?: typeof step) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      if (next) setStep(next);
    } catch (e) {
      setError((e as { type?: string }).type ?? 'generic');
    } finally {
      setBusy(false);
    }
  };
  const submitDetails = (event: FormEvent) => {
    event.preventDefault();
    void run(() => signUp(email.trim(), password, name.trim()), 'code');
  };
  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await confirmSignUp(email.trim(), code.trim());
      // Confirmed: the trigger has made them a contractor; sign in with the password just chosen.
      const answer = await signIn(email.trim(), password);
      if (answer.kind !== 'signed-in') return;
      const { IdToken, AccessToken, RefreshToken } = answer.tokens;
      saveSession({
        idToken: IdToken,
        accessToken: AccessToken,
        ...(RefreshToken ? { refreshToken: RefreshToken } : {}),
      });
      navigate(`/${lang}/`);
    }, 'done');
  };

  if (step === 'done') {
    return (
      <section className="auth-page">
        <h1>
          <FormattedMessage id="auth.signUp.doneTitle" />
        </h1>
        <p>
          <FormattedMessage id="auth.signUp.done" />
        </p>
        <p>
          <Link to={`/${lang}/sign-in`}>
            <FormattedMessage id="auth.signIn.title" />
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section className="auth-page">
      <h1>
        <FormattedMessage id={step === 'code' ? 'auth.confirm.title' : 'auth.signUp.title'} />
      </h1>
      {step === 'code' ? (
        <form onSubmit={submitCode} noValidate aria-label={intl.formatMessage({ id: 'auth.confirm.title' })}>
          <p>
            <FormattedMessage id="auth.confirm.intro" values={{ email }} />
          </p>
          <Field
            id="code"
            label="auth.field.code"
            autoComplete="one-time-code"
            value={code}
            onChange={setCode}
            describedBy="auth-error"
            error={errorFor('code', error)}
          />
          <AuthError id="auth-error" type={formError(['code'], error)} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              <FormattedMessage id="auth.confirm.submit" />
            </button>
            <button type="button" disabled={busy} onClick={() => void run(() => resendCode(email.trim()))}>
              <FormattedMessage id="auth.confirm.resend" />
            </button>
          </div>
        </form>
      ) : (
        <form
          onSubmit={submitDetails}
          noValidate
          aria-label={intl.formatMessage({ id: 'auth.signUp.title' })}
        >
          <p>
            <FormattedMessage id="auth.signUp.intro" />
          </p>
          <Field id="name" label="auth.field.name" autoComplete="name" value={name} onChange={setName} />
          <Field
            id="email"
            label="auth.field.email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={setEmail}
            describedBy="auth-error"
            error={errorFor('email', error)}
          />
          <Field
            id="password"
            label="auth.field.password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            describedBy="auth-error password-rules"
            error={errorFor('password', error)}
          />
          <p id="password-rules">
            <FormattedMessage id="auth.passwordRules" />
          </p>
          <AuthError id="auth-error" type={formError(['email', 'password'], error)} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              <FormattedMessage id="auth.signUp.submit" />
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
