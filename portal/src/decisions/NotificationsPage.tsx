// The signed-in user's notifications (for a procuring entity, its organisation's too), newest
// first: what happened, on which tender, when; each links to that tender's decisions. The kind is
// shown from the catalogue by its type; the server's own sentence is English and is not shown.
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { useSession } from '../auth/session';
import { DateTime } from '../components/format';
import { ProblemAlert } from '../components/problems';
import './decisions.css';

export function NotificationsPage() {
  const { lang = 'vi' } = useParams();
  const intl = useIntl();
  const session = useSession();
  const inbox = useQuery({
    queryKey: ['notifications', session?.sub],
    queryFn: async () => orThrow(await api.GET('/me/notifications', { params: { query: { limit: 50 } } })),
    enabled: Boolean(session),
    refetchInterval: 30_000,
  });
  const kind = (type: string) =>
    intl.formatMessage({
      id: intl.messages[`decisions.notification.type.${type}`]
        ? `decisions.notification.type.${type}`
        : 'decisions.notification.type.other',
    });
  return (
    <section className="notifications" aria-labelledby="notifications-title">
      <h1 id="notifications-title">
        <FormattedMessage id="decisions.notifications.title" />
      </h1>
      {session ? null : (
        <p className="notice">
          <FormattedMessage id="decisions.signInNeeded" />
        </p>
      )}
      <ProblemAlert error={inbox.error} />
      {inbox.isLoading ? (
        <p role="status">
          <FormattedMessage id="decisions.loading" />
        </p>
      ) : null}
      {inbox.data && inbox.data.items.length === 0 ? (
        <p>
          <FormattedMessage id="decisions.notifications.none" />
        </p>
      ) : null}
      <ul className="cards">
        {inbox.data?.items.map((n) => (
          <li key={n.eventId} className="card notification" data-type={n.type} data-tender-id={n.tenderId}>
            <h2 className="notification-kind">{kind(n.type)}</h2>
            <p>
              <Link to={`/${lang}/workspace/tenders/${n.tenderId}/decisions`}>{n.title}</Link>
            </p>
            <p>
              <DateTime value={n.at} />
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
