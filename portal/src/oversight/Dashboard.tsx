// The oversight dashboard: where to go (contractors, the audit log, checkpoints, and the pages of
// the verify and reports parts), and the log's latest signed checkpoint at a glance.
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { DateTime } from '../components/format';
import { OversightGate } from './Gate';

const areas = [
  { path: 'contractors', id: 'contractors' },
  { path: 'log', id: 'log' },
  { path: 'checkpoints', id: 'checkpoints' },
  { path: 'verify', id: 'verify' },
  { path: 'reports', id: 'reports' },
  { path: 'flags', id: 'flags' },
] as const;

function LatestCheckpoint() {
  const latest = useQuery({
    queryKey: ['oversight', 'latest-checkpoint'],
    queryFn: async () => orThrow(await api.GET('/log/checkpoint')),
  });
  if (!latest.data) return null;
  return (
    <p className="latest-checkpoint" data-size={latest.data.size}>
      <FormattedMessage
        id="oversight.dashboard.latest"
        values={{ size: latest.data.size, at: <DateTime value={latest.data.at} /> }}
      />
    </p>
  );
}

export function Dashboard() {
  const { lang } = useParams();
  return (
    <OversightGate>
      <h1>
        <FormattedMessage id="oversight.dashboard.title" />
      </h1>
      <p>
        <FormattedMessage id="oversight.dashboard.intro" />
      </p>
      <LatestCheckpoint />
      <ul className="oversight-areas">
        {areas.map((area) => (
          <li key={area.id}>
            <Link to={`/${lang}/oversight/${area.path}`} data-area={area.id}>
              <FormattedMessage id={`oversight.dashboard.${area.id}`} />
            </Link>
            <p>
              <FormattedMessage id={`oversight.dashboard.${area.id}.hint`} />
            </p>
          </li>
        ))}
      </ul>
    </OversightGate>
  );
}
