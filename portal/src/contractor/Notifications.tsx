// The contractor's notifications (GET /me/notifications), newest first: bids opened, results
// posted, its petitions filed and answered, deadlines moved, on the tenders it bid on or follows.
// Each links to that tender's outcome page. The procuring entity's inbox
// (decisions/NotificationsPage.tsx) words the same events for the entity and links to its
// workspace, hence this page of its own; the kind is shown from the catalogue by its type, never
// the server's English sentence.
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { useSession } from '../auth/session';
import { DateTime } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { ContractorOnly } from './ContractorOnly';

function Inbox() {
  const { lang = 'vi' } = useParams();
  const intl = useIntl();
  const session = useSession();
  const inbox = useQuery({
    queryKey: ['account', session?.sub, 'notifications'],
    queryFn: async () => orThrow(await api.GET('/me/notifications', { params: { query: { limit: 50 } } })),
    refetchInterval: 30_000,
    staleTime: 0,
  });
  const kind = (type: string) =>
    intl.formatMessage({
      id: intl.messages[`account.notification.type.${type}`]
        ? `account.notification.type.${type}`
        : 'account.notification.type.other',
    });
  if (inbox.error) return <ProblemAlert error={inbox.error} />;
  if (!inbox.data)
    return (
      <p role="status">
        <FormattedMessage id="loading" />
      </p>
    );
  if (inbox.data.items.length === 0)
    return (
      <p>
        <FormattedMessage id="account.notifications.none" />
      </p>
    );
  return (
    <ul className="cards">
      {inbox.data.items.map((n) => (
        <li key={n.eventId} className="card notification" data-type={n.type} data-tender-id={n.tenderId}>
          <h2 className="notification-kind">{kind(n.type)}</h2>
          <p>
            <Link to={`/${lang}/contractor/tenders/${n.tenderId}`}>{n.title}</Link>
          </p>
          <p>
            <DateTime value={n.at} />
          </p>
        </li>
      ))}
    </ul>
  );
}

export function Notifications() {
  const { lang = 'vi' } = useParams();
  return (
    <ContractorOnly>
      <section className="account notifications" aria-labelledby="account-notifications-title">
        <p className="breadcrumb">
          <Link to={`/${lang}/contractor`}>
            <FormattedMessage id="account.backToDashboard" />
          </Link>
        </p>
        <h1 id="account-notifications-title">
          <FormattedMessage id="account.notifications.title" />
        </h1>
        <Inbox />
      </section>
    </ContractorOnly>
  );
}
