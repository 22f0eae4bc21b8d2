// One public tender: its facts, lots, documents (SHA-256, download), revisions with what changed,
// answered questions, the opening minutes once public, awards, and its OCDS packages.
import { useMutation, useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { ApiProblem, api, apiBase, orThrow } from '../api/client';
import { useSession } from '../auth/session';
import { DocumentCards } from '../components/DocumentCards';
import { DateTime, Money } from '../components/format';
import { ProblemAlert } from '../components/problems';

/** A section the API may not have yet (minutes before the opening): a 404 means "none". */
const orNone = <T,>(promise: Promise<T>) =>
  promise.catch((error: unknown) => {
    if (error instanceof ApiProblem && error.problem.status === 404) return null;
    throw error;
  });

function useFieldLabel() {
  const intl = useIntl();
  return (field: string) =>
    intl.messages[`tenderField.${field}`] ? intl.formatMessage({ id: `tenderField.${field}` }) : field;
}

function DownloadButton({
  tenderId,
  documentId,
  fileName,
}: {
  tenderId: string;
  documentId: string;
  fileName: string;
}) {
  const intl = useIntl();
  const link = useMutation({
    mutationFn: async () =>
      orThrow(
        await api.GET('/tenders/{tenderId}/documents/{documentId}', {
          params: { path: { tenderId, documentId } },
        }),
      ),
    onSuccess: (data) => window.location.assign(data.url),
  });
  return (
    <>
      <button
        type="button"
        className="download"
        onClick={() => link.mutate()}
        disabled={link.isPending}
        aria-label={intl.formatMessage({ id: 'documents.downloadFile' }, { name: fileName })}
      >
        <FormattedMessage id="documents.download" />
      </button>
      <ProblemAlert error={link.error} />
    </>
  );
}

/** For a signed-in contractor: where to bid, ask questions and follow the results. */
function ForBidders({ tenderId, published, lang }: { tenderId: string; published: boolean; lang: string }) {
  const session = useSession();
  if (!session?.roles.includes('contractor')) return null;
  return (
    <nav className="for-bidders card" aria-labelledby="for-bidders-title">
      <h2 id="for-bidders-title">
        <FormattedMessage id="tender.forBidders.title" />
      </h2>
      <ul>
        {published ? (
          <li>
            <Link className="bid-link" to={`/${lang}/contractor/tenders/${tenderId}/bid`}>
              <FormattedMessage id="tender.forBidders.bid" />
            </Link>
          </li>
        ) : null}
        <li>
          <Link className="follow-link" to={`/${lang}/contractor/tenders/${tenderId}`}>
            <FormattedMessage id="tender.forBidders.follow" />
          </Link>
        </li>
      </ul>
    </nav>
  );
}

export function TenderDetail() {
  const { lang, tenderId = '' } = useParams();
  const fieldLabel = useFieldLabel();
  const path = { tenderId };
  const tender = useQuery({
    queryKey: ['tender', tenderId],
    queryFn: async () => orThrow(await api.GET('/tenders/{tenderId}', { params: { path } })),
  });
  const awards = useQuery({
    queryKey: ['tender', tenderId, 'awards'],
    queryFn: async () => orNone(api.GET('/tenders/{tenderId}/awards', { params: { path } }).then(orThrow)),
    enabled: tender.isSuccess,
  });
  const minutes = useQuery({
    queryKey: ['tender', tenderId, 'minutes'],
    queryFn: async () => orNone(api.GET('/tenders/{tenderId}/minutes', { params: { path } }).then(orThrow)),
    enabled:
      tender.isSuccess && !['published', 'cancelled', 'closed', 'no-bids'].includes(tender.data.status),
  });

  if (tender.error)
    return (
      <section>
        <h1>
          <FormattedMessage id="tender.title" />
        </h1>
        <ProblemAlert error={tender.error} />
        <Link to={`/${lang}/`}>
          <FormattedMessage id="tender.back" />
        </Link>
      </section>
    );
  if (!tender.data)
    return (
      <p>
        <FormattedMessage id="loading" />
      </p>
    );
  const t = tender.data;
  const lotTitle = (lotId: string) => t.lots.find((lot) => lot.lotId === lotId)?.title ?? lotId;
  const ocds = `${apiBase}/ocds/tenders/${encodeURIComponent(t.tenderId)}`;
  return (
    <article className="tender-detail" data-tender-id={t.tenderId}>
      <p>
        <Link to={`/${lang}/`}>
          <FormattedMessage id="tender.back" />
        </Link>
      </p>
      <h1>{t.title}</h1>
      <p className="buyer">{t.buyerName}</p>
      <dl className="facts" id="tender-facts">
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
            <FormattedMessage id="tender.category" />
          </dt>
          <dd>
            <FormattedMessage id={`category.${t.category}`} />
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
          <dd>{t.revision}</dd>
        </div>
      </dl>
      {t.cancellationReason ? (
        <section aria-labelledby="cancelled-heading" className="notice">
          <h2 id="cancelled-heading">
            <FormattedMessage id="tender.cancelled" />
          </h2>
          <p>{t.cancellationReason}</p>
        </section>
      ) : null}
      <p className="description">{t.description}</p>
      <ForBidders tenderId={t.tenderId} published={t.status === 'published'} lang={lang ?? 'vi'} />

      <section aria-labelledby="lots-heading" id="lots">
        <h2 id="lots-heading">
          <FormattedMessage id="lots.title" />
        </h2>
        <ul className="cards">
          {t.lots.map((lot) => (
            <li key={lot.lotId} className="card" data-lot-id={lot.lotId}>
              <h3>{lot.title}</h3>
              {lot.description ? <p>{lot.description}</p> : null}
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
      </section>

      <section aria-labelledby="documents-heading" id="documents">
        <h2 id="documents-heading">
          <FormattedMessage id="documents.title" />
        </h2>
        <DocumentCards
          documents={t.documents}
          after={(doc) => (
            <DownloadButton tenderId={t.tenderId} documentId={doc.documentId} fileName={doc.fileName} />
          )}
        />
      </section>

      <section aria-labelledby="revisions-heading" id="revisions">
        <h2 id="revisions-heading">
          <FormattedMessage id="revisions.title" />
        </h2>
        <ol className="revisions">
          {t.revisions.map((revision) => (
            <li key={revision.revision} data-revision={revision.revision}>
              <p>
                <FormattedMessage
                  id={`revisions.kind.${revision.kind}`}
                  values={{ revision: revision.revision }}
                />{' '}
                <DateTime value={revision.at} />
              </p>
              {revision.note ? <p className="note">{revision.note}</p> : null}
              {revision.changedFields.length > 0 ? (
                <p className="changed">
                  <FormattedMessage
                    id="revisions.changed"
                    values={{ fields: revision.changedFields.map(fieldLabel).join(', ') }}
                  />
                </p>
              ) : null}
              {revision.deadlineExtended ? (
                <p className="extended">
                  <FormattedMessage
                    id="revisions.extended"
                    values={{
                      from: <DateTime value={revision.deadlineExtended.from} />,
                      to: <DateTime value={revision.deadlineExtended.to} />,
                    }}
                  />
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="questions-heading" id="questions">
        <h2 id="questions-heading">
          <FormattedMessage id="questions.title" />
        </h2>
        {t.questions.length === 0 ? (
          <p>
            <FormattedMessage id="questions.none" />
          </p>
        ) : (
          <ul className="cards">
            {t.questions.map((q) => (
              <li key={q.questionId} className="card" data-question-id={q.questionId}>
                <p className="question">{q.question}</p>
                {q.answer ? <p className="answer">{q.answer}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {minutes.data?.items.length ? (
        <section aria-labelledby="minutes-heading" id="minutes">
          <h2 id="minutes-heading">
            <FormattedMessage id="minutes.title" />
          </h2>
          <ul>
            {minutes.data.items.map((item) => (
              <li key={item.objectKey} data-phase={item.phase}>
                <FormattedMessage
                  id={`minutes.phase.${item.phase}`}
                  values={{ at: <DateTime value={item.publishedAt} /> }}
                />{' '}
                <FormattedMessage id="minutes.bids" values={{ count: item.document.minutes.bids.length }} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {awards.data?.items.length ? (
        <section aria-labelledby="awards-heading" id="awards">
          <h2 id="awards-heading">
            <FormattedMessage id="awards.title" />
          </h2>
          <ul className="cards">
            {awards.data.items.map((award) => (
              <li key={award.awardId} className="card">
                <h3>{lotTitle(award.lotId)}</h3>
                <p>{award.contractorName ?? award.contractorId}</p>
                <p>
                  <FormattedMessage id="awards.standstill" /> <DateTime value={award.standstillEndsAt} />
                </p>
                {award.contract ? (
                  <p>
                    <FormattedMessage id="awards.contract" />{' '}
                    <Money amount={award.contract.value} currency={award.contract.currency} />
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="ocds-heading" id="ocds">
        <h2 id="ocds-heading">
          <FormattedMessage id="ocds.title" />
        </h2>
        <ul>
          <li>
            <a href={`${ocds}/releases`} download>
              <FormattedMessage id="ocds.releases" />
            </a>
          </li>
          <li>
            <a href={`${ocds}/record`} download>
              <FormattedMessage id="ocds.record" />
            </a>
          </li>
        </ul>
      </section>
    </article>
  );
}
