// The workspace's gate: a procuring entity's session, else a translated "sign in" message with a
// link to the sign-in page. The API decides again on every call; this only spares a page of 401s.
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/session';
import './workspace.css';

export function SignedIn({ children }: { children: ReactNode }) {
  const session = useSession();
  const { lang } = useParams();
  if (!session) {
    return (
      <section className="sign-in-needed" aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">
          <FormattedMessage id="ws.signIn.title" />
        </h1>
        <p>
          <FormattedMessage id="ws.signIn.body" />
        </p>
        <p>
          <Link to={`/${lang}/sign-in`}>
            <FormattedMessage id="ws.signIn.link" />
          </Link>
        </p>
      </section>
    );
  }
  if (!session.roles.includes('procuring-entity')) {
    return (
      <section aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">
          <FormattedMessage id="ws.signIn.title" />
        </h1>
        <p>
          <FormattedMessage id="ws.signIn.wrongRole" />
        </p>
      </section>
    );
  }
  return <>{children}</>;
}
