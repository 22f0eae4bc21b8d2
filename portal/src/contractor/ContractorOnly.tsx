// The contractor pages' gate: a contractor's session, else a translated "sign in" message with a
// link to the sign-in page. The API decides again on every call; this only spares a page of 401s.
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/session';
import './account.css';

export function ContractorOnly({ children }: { children: ReactNode }) {
  const session = useSession();
  const { lang = 'vi' } = useParams();
  if (session?.roles.includes('contractor')) return <>{children}</>;
  return (
    <section className="sign-in-needed" aria-labelledby="account-sign-in-title">
      <h1 id="account-sign-in-title">
        <FormattedMessage id="account.signIn.title" />
      </h1>
      <p>
        <FormattedMessage id={session ? 'account.signIn.wrongRole' : 'account.signIn.body'} />
      </p>
      {session ? null : (
        <p>
          <Link to={`/${lang}/sign-in`}>
            <FormattedMessage id="account.signIn.link" />
          </Link>
        </p>
      )}
    </section>
  );
}
