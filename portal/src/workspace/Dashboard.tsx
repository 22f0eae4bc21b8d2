// The procuring entity's dashboard: its organisation's tenders by status, the next deadlines, the
// drafts, and what waits for it: questions to answer (counted per published tender), and bids to
// evaluate and petitions to answer, which the decisions pages handle (linked, not done here).
import { useQueries } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { DateTime } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { type TenderSummary, useOwnTenders } from './api';
import { SignedIn } from './SignedIn';

const toEvaluate = ['opened', 'evaluating'];
const petitionsOpen = ['awarded'];

function TenderLink({ tender }: { tender: TenderSummary }) {
  const { lang } = useParams();
  return <Link to={`/${lang}/workspace/tenders/${tender.tenderId}`}>{tender.title}</Link>;
}

function Board() {
  const { lang } = useParams();
  const tenders = useOwnTenders();
  const items = tenders.data?.items ?? [];
  const published = items.filter((t) => t.status === 'published');
  const openQuestions = useQueries({
    queries: published.map((t) => ({
      queryKey: ['entity-questions', t.tenderId, 'open'],
      queryFn: async () =>
        orThrow(
          await api.GET('/entity/tenders/{tenderId}/questions', {
            params: { path: { tenderId: t.tenderId }, query: { status: 'open', limit: 100 } },
          }),
        ),
    })),
  });
  if (tenders.error) return <ProblemAlert error={tenders.error} />;
  if (!tenders.data)
    return (
      <p>
        <FormattedMessage id="loading" />
      </p>
    );
  const counts = new Map<string, number>();
  for (const t of items) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  const drafts = items.filter((t) => t.status === 'draft');
  const next = [...published]
    .sort((a, b) => a.submissionDeadline.localeCompare(b.submissionDeadline))
    .slice(0, 5);
  const questionTasks = published
    .map((t, i) => ({ tender: t, count: openQuestions[i]?.data?.items.length ?? 0 }))
    .filter((task) => task.count > 0);
  const decisionTasks = items.filter(
    (t) => toEvaluate.includes(t.status) || petitionsOpen.includes(t.status),
  );

  return (
    <>
      <p>
        <Link to={`/${lang}/workspace/tenders/new`} className="button-link" id="ws-new-draft">
          <FormattedMessage id="ws.dashboard.newDraft" />
        </Link>{' '}
        <Link to={`/${lang}/oversight/reports`} id="ws-kpi-report">
          <FormattedMessage id="ws.dashboard.kpiReport" />
        </Link>
      </p>
      <section aria-labelledby="ws-status-heading" id="ws-by-status">
        <h2 id="ws-status-heading">
          <FormattedMessage id="ws.dashboard.byStatus" />
        </h2>
        {items.length === 0 ? (
          <p>
            <FormattedMessage id="ws.dashboard.noTenders" />
          </p>
        ) : (
          <ul className="ws-counts">
            {[...counts].map(([status, count]) => (
              <li key={status} data-status={status}>
                <FormattedMessage id={`status.${status}`} />
                {': '}
                <strong>{count}</strong>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="ws-tasks-heading" id="ws-tasks">
        <h2 id="ws-tasks-heading">
          <FormattedMessage id="ws.dashboard.tasks" />
        </h2>
        {questionTasks.length === 0 && decisionTasks.length === 0 ? (
          <p>
            <FormattedMessage id="ws.dashboard.noTasks" />
          </p>
        ) : (
          <ul>
            {questionTasks.map(({ tender, count }) => (
              <li key={`q-${tender.tenderId}`} data-task="questions" data-tender-id={tender.tenderId}>
                <Link to={`/${lang}/workspace/tenders/${tender.tenderId}#ws-questions`}>
                  <FormattedMessage
                    id="ws.dashboard.questionsToAnswer"
                    values={{ count, title: tender.title }}
                  />
                </Link>
              </li>
            ))}
            {decisionTasks.map((tender) => (
              <li key={`d-${tender.tenderId}`} data-task="decisions" data-tender-id={tender.tenderId}>
                <Link to={`/${lang}/workspace/tenders/${tender.tenderId}/decisions`}>
                  <FormattedMessage
                    id={
                      toEvaluate.includes(tender.status)
                        ? 'ws.dashboard.bidsToEvaluate'
                        : 'ws.dashboard.petitions'
                    }
                    values={{ title: tender.title }}
                  />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="ws-deadlines-heading" id="ws-deadlines">
        <h2 id="ws-deadlines-heading">
          <FormattedMessage id="ws.dashboard.nextDeadlines" />
        </h2>
        {next.length === 0 ? (
          <p>
            <FormattedMessage id="ws.dashboard.noDeadlines" />
          </p>
        ) : (
          <ul>
            {next.map((t) => (
              <li key={t.tenderId} data-tender-id={t.tenderId}>
                <TenderLink tender={t} /> <DateTime value={t.submissionDeadline} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="ws-drafts-heading" id="ws-drafts">
        <h2 id="ws-drafts-heading">
          <FormattedMessage id="ws.dashboard.drafts" />
        </h2>
        {drafts.length === 0 ? (
          <p>
            <FormattedMessage id="ws.dashboard.noDrafts" />
          </p>
        ) : (
          <ul>
            {drafts.map((t) => (
              <li key={t.tenderId} data-tender-id={t.tenderId}>
                <TenderLink tender={t} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="ws-all-heading" id="ws-all">
        <h2 id="ws-all-heading">
          <FormattedMessage id="ws.dashboard.all" />
        </h2>
        <ul className="cards">
          {items.map((t) => (
            <li key={t.tenderId} className="card" data-tender-id={t.tenderId}>
              <h3>
                <TenderLink tender={t} />
              </h3>
              <p className={`status status-${t.status}`}>
                <FormattedMessage id={`status.${t.status}`} />
              </p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export function Dashboard() {
  return (
    <SignedIn>
      <h1>
        <FormattedMessage id="ws.dashboard.title" />
      </h1>
      <Board />
    </SignedIn>
  );
}
