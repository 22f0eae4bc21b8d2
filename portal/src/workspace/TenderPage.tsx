// One own tender in the workspace: its facts, and what can be done in its state: edit, upload
// documents, publish (draft); amend, upload, answer questions (published); cancel (either);
// after the opening, a link to the decisions pages.
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { DateTime, Money } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { Amend, AmendmentDone } from './Amend';
import { type AmendmentResult, useOwnTender } from './api';
import { Cancel } from './Cancel';
import { Documents } from './Documents';
import { Publish } from './Publish';
import { Questions } from './Questions';
import { SignedIn } from './SignedIn';

const afterOpening = ['opened', 'evaluating', 'awarded', 'contracted', 'unsuccessful', 'no-bids', 'closed'];

function TenderWork({ tenderId }: { tenderId: string }) {
  const { lang } = useParams();
  const own = useOwnTender(tenderId);
  const [amended, setAmended] = useState<AmendmentResult | undefined>();
  if (own.error) return <ProblemAlert error={own.error} />;
  if (!own.data)
    return (
      <p>
        <FormattedMessage id="loading" />
      </p>
    );
  const { tender: t, etag } = own.data;
  const draft = t.status === 'draft';
  const published = t.status === 'published';
  return (
    <article data-tender-id={t.tenderId} data-status={t.status} data-etag={etag}>
      <h1>{t.title}</h1>
      <dl className="facts" id="ws-facts">
        <div>
          <dt>
            <FormattedMessage id="tender.status" />
          </dt>
          <dd className={`status status-${t.status}`}>
            <FormattedMessage id={`status.${t.status}`} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="tender.method" />
          </dt>
          <dd>
            <FormattedMessage id={`method.${t.procurementMethod}`} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="tender.deadline" />
          </dt>
          <dd className="deadline">
            <DateTime value={t.submissionDeadline} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="tender.questionsDeadline" />
          </dt>
          <dd>
            <DateTime value={t.questionsDeadline} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="tender.revision" />
          </dt>
          <dd className="revision">{t.revision}</dd>
        </div>
      </dl>
      <ul className="cards" id="ws-lots">
        {t.lots.map((lot) => (
          <li key={lot.lotId} className="card">
            <h2>{lot.title}</h2>
            <dl className="facts">
              <div>
                <dt>
                  <FormattedMessage id="lots.estimatedValue" />
                </dt>
                <dd className="estimated-value">
                  <Money amount={lot.estimatedValue} currency={t.currency} />
                </dd>
              </div>
              <div>
                <dt>
                  <FormattedMessage id="lots.bidSecurity" />
                </dt>
                <dd>
                  <Money amount={lot.bidSecurityAmount} currency={t.currency} />
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      {t.cancellationReason ? (
        <p className="notice">
          <FormattedMessage id="ws.tender.cancelledBecause" values={{ reason: t.cancellationReason }} />
        </p>
      ) : null}
      <p className="actions">
        {draft ? (
          <Link to={`/${lang}/workspace/tenders/${t.tenderId}/edit`}>
            <FormattedMessage id="ws.tender.edit" />
          </Link>
        ) : null}
        {t.status !== 'draft' ? (
          <Link to={`/${lang}/tenders/${t.tenderId}`}>
            <FormattedMessage id="ws.tender.publicPage" />
          </Link>
        ) : null}
        {afterOpening.includes(t.status) ? (
          <Link to={`/${lang}/workspace/tenders/${t.tenderId}/decisions`}>
            <FormattedMessage id="ws.tender.decisions" />
          </Link>
        ) : null}
      </p>
      {draft ? <Publish tender={t} etag={etag} /> : null}
      <Documents tender={t} etag={etag} />
      {amended ? <AmendmentDone result={amended} /> : null}
      {published ? <Amend key={etag} tender={t} etag={etag} onDone={setAmended} /> : null}
      {published ? <Questions tenderId={t.tenderId} etag={etag} /> : null}
      {draft || published ? <Cancel tender={t} etag={etag} /> : null}
    </article>
  );
}

export function TenderPage() {
  const { lang, tenderId = '' } = useParams();
  return (
    <SignedIn>
      <p>
        <Link to={`/${lang}/workspace`}>
          <FormattedMessage id="ws.back.dashboard" />
        </Link>
      </p>
      <TenderWork tenderId={tenderId} />
    </SignedIn>
  );
}
