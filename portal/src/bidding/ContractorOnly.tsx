// The bidding pages' gate: a contractor's session, else a translated "sign in" message with a link
// to the sign-in page. The API decides again on every call; this only spares a page of 401s.
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/session';
import './bidding.css';

export function ContractorOnly({ children }: { children: ReactNode }) {
  const session = useSession();
  const { lang } = useParams();
  if (!session?.roles.includes('contractor')) {
    return (
      <section className="bidding" aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">
          <FormattedMessage id="bid.signIn.title" />
        </h1>
        <p>
          <FormattedMessage id={session ? 'bid.signIn.wrongRole' : 'bid.signIn.body'} />
        </p>
        {session ? null : (
          <p>
            <Link to={`/${lang}/sign-in`}>
              <FormattedMessage id="bid.signIn.link" />
            </Link>
          </p>
        )}
      </section>
    );
  }
  return <>{children}</>;
}
