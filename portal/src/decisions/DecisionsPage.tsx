// A tender's decisions after the opening, for its procuring entity: the minutes, the eligibility
// verdicts and technical scores per bid, the ranking (202, polled until ranked) and its report,
// the award per lot, petitions and their answers, and the contract record. One page with a
// section per step, each with its own stable anchor.
import { useEffect, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../components/problems';
import { AwardSection } from './AwardSection';
import { ContractSection } from './ContractSection';
import { EligibilitySection } from './EligibilitySection';
import { MinutesSection } from './MinutesSection';
import { PetitionsSection } from './PetitionsSection';
import { useDecisionQueries } from './queries';
import { RankingSection } from './RankingSection';
import { ScoresSection } from './ScoresSection';
import { TechnicalApprovalSection } from './TechnicalApprovalSection';
import './decisions.css';

const scoredMethods = new Set(['combined', 'technical-score']);
const steps = [
  'minutes',
  'eligibility',
  'scores',
  'approval',
  'ranking',
  'award',
  'petitions',
  'contract',
] as const;

export function DecisionsPage() {
  const { lang = 'vi', tenderId = '' } = useParams();
  const session = useSession();
  const [rankingRequest, setRankingRequest] = useState<string | undefined>();
  const queries = useDecisionQueries(tenderId, rankingRequest !== undefined);
  const { tender, evaluation } = queries;
  const ranked =
    rankingRequest !== undefined &&
    evaluation.data?.data.stage === 'ranked' &&
    evaluation.data.data.requestId === rankingRequest;
  useEffect(() => {
    if (ranked) setRankingRequest(undefined);
  }, [ranked]);

  if (!session?.roles.includes('procuring-entity'))
    return (
      <section>
        <h1>
          <FormattedMessage id="decisions.title" />
        </h1>
        <p className="notice">
          <FormattedMessage id="decisions.signInNeeded" />
        </p>
      </section>
    );
  if (tender.error)
    return (
      <section>
        <h1>
          <FormattedMessage id="decisions.title" />
        </h1>
        <ProblemAlert error={tender.error} />
      </section>
    );
  if (!tender.data)
    return (
      <p role="status">
        <FormattedMessage id="decisions.loading" />
      </p>
    );
  const t = tender.data.data;
  const scored = scoredMethods.has(t.evaluation.method);
  const twoEnvelope = t.envelopeProcedure === 'two-envelope';
  const shown = steps.filter((s) => (s !== 'scores' || scored) && (s !== 'approval' || twoEnvelope));
  return (
    <article className="decisions" data-tender-id={t.tenderId} data-status={t.status}>
      <p className="breadcrumb">
        <Link to={`/${lang}/tenders/${t.tenderId}`}>
          <FormattedMessage id="decisions.publicPage" />
        </Link>
      </p>
      <h1>
        <FormattedMessage id="decisions.heading" values={{ title: t.title }} />
      </h1>
      <dl className="facts" id="decision-facts">
        <div>
          <dt>
            <FormattedMessage id="decisions.status" />
          </dt>
          <dd className="tender-status">
            <FormattedMessage id={`decisions.tenderStatus.${t.status}`} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="decisions.method" />
          </dt>
          <dd>
            <FormattedMessage id={`decisions.evaluationMethod.${t.evaluation.method}`} />
          </dd>
        </div>
      </dl>
      <nav className="steps" aria-labelledby="steps-heading">
        <h2 id="steps-heading" className="visually-hidden">
          <FormattedMessage id="decisions.steps" />
        </h2>
        <ol>
          {shown.map((step) => (
            <li key={step}>
              <a href={`#${step}`}>
                <FormattedMessage id={`decisions.step.${step}`} />
              </a>
            </li>
          ))}
        </ol>
      </nav>
      {['draft', 'published', 'closed'].includes(t.status) ? (
        <p className="notice">
          <FormattedMessage id="decisions.notOpened" />
        </p>
      ) : (
        <>
          <MinutesSection queries={queries} />
          <EligibilitySection queries={queries} tenderId={t.tenderId} />
          {scored ? <ScoresSection queries={queries} tenderId={t.tenderId} sub={session.sub} /> : null}
          <TechnicalApprovalSection queries={queries} tenderId={t.tenderId} />
          <RankingSection
            queries={queries}
            tenderId={t.tenderId}
            pending={rankingRequest !== undefined}
            onRequested={setRankingRequest}
          />
          <AwardSection queries={queries} tender={t} />
          <PetitionsSection queries={queries} tender={t} />
          <ContractSection queries={queries} tender={t} />
        </>
      )}
    </article>
  );
}
