// The reports are for auditors and admins (the APIs refuse anyone else), and the KPI report for a
// procuring entity too (its own subtree): others see why, not an empty page of refusals.
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { PortalRole } from '../auth/session';
import { useSession } from '../auth/session';

const oversight: readonly PortalRole[] = ['auditor', 'admin'];

export function OversightOnly({
  heading,
  children,
  roles = oversight,
}: {
  heading: string;
  children: ReactNode;
  roles?: readonly PortalRole[];
}) {
  const session = useSession();
  if (!session?.roles.some((role) => roles.includes(role)))
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
