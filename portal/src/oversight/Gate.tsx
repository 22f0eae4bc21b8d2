// The oversight workspace's gate: an auditor's or an admin's session, else a translated "sign in"
// or "not for your role" message. The API decides again on every call; this only spares a page
// of refusals.
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/session';
import './oversight.css';

export function OversightGate({ children }: { children: ReactNode }) {
  const session = useSession();
  const { lang } = useParams();
  if (!session?.roles.some((role) => role === 'auditor' || role === 'admin')) {
    return (
      <section className="oversight-refusal" aria-labelledby="oversight-refusal-heading">
        <h1 id="oversight-refusal-heading">
          <FormattedMessage id="oversight.gate.title" />
        </h1>
        <p>
          <FormattedMessage id={session ? 'oversight.gate.wrongRole' : 'oversight.gate.signIn'} />
        </p>
        {session ? (
          <p>
            <Link to={`/${lang}/`}>
              <FormattedMessage id="oversight.gate.home" />
            </Link>
          </p>
        ) : (
          <p>
            <Link to={`/${lang}/sign-in`}>
              <FormattedMessage id="oversight.gate.signInLink" />
            </Link>
          </p>
        )}
      </section>
    );
  }
  return <div className="oversight">{children}</div>;
}

/** Breadcrumb back to the dashboard, on every page but the dashboard. */
export function BackToDashboard() {
  const { lang } = useParams();
  return (
    <p className="oversight-back">
      <Link to={`/${lang}/oversight`}>
        <FormattedMessage id="oversight.back" />
      </Link>
    </p>
  );
}
