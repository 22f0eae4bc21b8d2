// The header's account corner: who is signed in (their e-mail, else their role) and a sign-out
// button, or a sign-in link. Sign-out revokes the refresh token at Cognito, then drops the session.
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { clearSession, useSession } from './session';

export function AccountLink({ locale }: { locale: string }) {
  const session = useSession();
  const intl = useIntl();
  const navigate = useNavigate();
  if (!session) {
    return (
      <Link className="account-link" to={`/${locale}/sign-in`}>
        <FormattedMessage id="auth.signIn.link" />
      </Link>
    );
  }
  const signOut = async () => {
    const refreshToken = session.refreshToken;
    if (refreshToken) {
      const { revoke } = await import('./cognito');
      await revoke(refreshToken).catch(() => {});
    }
    clearSession();
    navigate(`/${locale}/`);
  };
  const who = session.email ?? intl.formatMessage({ id: `auth.role.${session.roles[0] ?? 'none'}` });
  return (
    <div className="account-link">
      <span data-testid="signed-in-as">
        <FormattedMessage id="auth.signedInAs" values={{ who }} />
      </span>{' '}
      <button type="button" onClick={() => void signOut()}>
        <FormattedMessage id="auth.signOut" />
      </button>
    </div>
  );
}
