// Sign in with e-mail and password (Cognito USER_PASSWORD_AUTH); an invited user's first sign-in
// asks for a new password (NEW_PASSWORD_REQUIRED) before the session starts.
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import { completeNewPassword, type SignInAnswer, signIn } from './cognito';
import { AuthError, errorFor, Field, formError } from './fields';
import { saveSession } from './session';

export function SignIn() {
  const { lang } = useParams();
  const intl = useIntl();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [challenge, setChallenge] = useState<{ session: string; username: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const finish = (answer: SignInAnswer) => {
    if (answer.kind === 'new-password') {
      setChallenge({ session: answer.session, username: answer.username });
      return;
    }
    const { IdToken, AccessToken, RefreshToken } = answer.tokens;
    const session = saveSession({
      idToken: IdToken,
      accessToken: AccessToken,
      ...(RefreshToken ? { refreshToken: RefreshToken } : {}),
    });
    const staff = session?.roles.includes('procuring-entity');
    navigate(`/${lang}/${staff ? 'workspace' : ''}`);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      finish(
        challenge
          ? await completeNewPassword(challenge.session, challenge.username, newPassword)
          : await signIn(email.trim(), password),
      );
    } catch (e) {
      setError((e as { type?: string }).type ?? 'generic');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="auth-page">
      <h1>
        <FormattedMessage id={challenge ? 'auth.newPassword.title' : 'auth.signIn.title'} />
      </h1>
      {challenge ? (
        <p>
          <FormattedMessage id="auth.newPassword.intro" />
        </p>
      ) : null}
      <form onSubmit={submit} noValidate aria-label={intl.formatMessage({ id: 'auth.signIn.title' })}>
        {challenge ? (
          <Field
            id="new-password"
            label="auth.field.newPassword"
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={setNewPassword}
            describedBy="auth-error password-rules"
            error={errorFor('new-password', error)}
          />
        ) : (
          <>
            <Field
              id="email"
              label="auth.field.email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={setEmail}
              describedBy="auth-error"
            />
            <Field
              id="password"
              label="auth.field.password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              describedBy="auth-error"
              error={errorFor('password', error)}
            />
          </>
        )}
        {challenge ? (
          <p id="password-rules">
            <FormattedMessage id="auth.passwordRules" />
          </p>
        ) : null}
        <AuthError
          id="auth-error"
          type={formError(challenge ? ['new-password'] : ['email', 'password'], error)}
        />
        <div className="actions">
          <button type="submit" disabled={busy}>
            <FormattedMessage id={challenge ? 'auth.newPassword.submit' : 'auth.signIn.submit'} />
          </button>
        </div>
      </form>
      {challenge ? null : (
        <p>
          <FormattedMessage id="auth.signIn.contractorPrompt" />{' '}
          <Link to={`/${lang}/sign-up`}>
            <FormattedMessage id="auth.signUp.link" />
          </Link>
        </p>
      )}
    </section>
  );
}
