// The reports are for auditors and admins (the APIs refuse anyone else): others see why, not an
// empty page of refusals.
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { useSession } from '../auth/session';

export function OversightOnly({ heading, children }: { heading: string; children: ReactNode }) {
  const session = useSession();
  if (!session?.roles.some((role) => role === 'auditor' || role === 'admin'))
    return (
      <section>
        <h1>
          <FormattedMessage id={heading} />
        </h1>
        <p className="notice">
          <FormattedMessage id="reports.signInNeeded" />
        </p>
      </section>
    );
  return <>{children}</>;
}
