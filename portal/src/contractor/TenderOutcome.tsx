// One tender as a bidder follows it: its own clarification questions (and the form to ask, until
// the questions deadline), then after the opening the signed opening minutes (the same
// section the procuring entity reads), the results (award notices, the contractor's own marked),
// and petitions: on a lot it bid on, while the window runs (GET /procedures' petitionFilingDays
// from the award), a petition is filed (If-Match: the tender's ETag, since an award made again
// meanwhile changes what it is about); its own petitions are listed with their answers.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { DateTime, Money } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { describedIn, FieldProblem } from '../decisions/fields';
import { MinutesSection } from '../decisions/MinutesSection';
import { useProcedures } from '../workspace/api';
import {
  type AwardNotice,
  type Complaint,
  orNone,
  type PublicTender,
  useMyBids,
  useMyContractor,
  usePublicTender,
} from './api';
import { ContractorOnly } from './ContractorOnly';
import { isOpen, type PetitionWindow, petitionWindow } from './petition-window';
import { QuestionsSection } from './QuestionsSection';

function useOutcome(tenderId: string) {
  const path = { tenderId };
  const minutes = useQuery({
    queryKey: ['account-outcome', tenderId, 'minutes'],
    queryFn: async () => orNone(api.GET('/tenders/{tenderId}/minutes', { params: { path } }).then(orThrow)),
  });
  const awards = useQuery({
    queryKey: ['account-outcome', tenderId, 'awards'],
    queryFn: async () => orThrow(await api.GET('/tenders/{tenderId}/awards', { params: { path } })),
  });
  const complaints = useQuery({
    queryKey: ['account-outcome', tenderId, 'complaints'],
    queryFn: async () => orThrow(await api.GET('/tenders/{tenderId}/complaints', { params: { path } })),
  });
  return { minutes, awards, complaints };
}

function PetitionForm({
  tender,
  etag,
  lotId,
  window,
}: {
  tender: PublicTender;
  etag: string;
  lotId: string;
  window: PetitionWindow;
}) {
  const client = useQueryClient();
  const scope = `petition-${lotId}`;
  const [text, setText] = useState('');
  const file = useMutation({
    mutationFn: async () =>
      orThrow(
        await api.POST('/tenders/{tenderId}/complaints', {
          params: { path: { tenderId: tender.tenderId }, header: { 'If-Match': etag } },
          body: { lotId, text: text.trim() },
        }),
      ),
    onSuccess: () => {
      setText('');
      return Promise.all([
        client.invalidateQueries({ queryKey: ['account-outcome', tender.tenderId] }),
        client.invalidateQueries({ queryKey: ['account-tender', tender.tenderId] }),
      ]);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    file.mutate();
  };
  return (
    <form className="entry-form petition-form" onSubmit={submit} aria-labelledby={`${scope}-title`}>
      <p id={`${scope}-title`} className="form-title">
        <FormattedMessage id="account.petition.formTitle" />
      </p>
      <p className="hint" id={`${scope}-hint`}>
        <FormattedMessage
          id="account.petition.window"
          values={{ at: <DateTime value={window.closesAt} />, days: window.days ?? '—' }}
        />
      </p>
      <div className="field">
        <label htmlFor={`${scope}-text`}>
          <FormattedMessage id="account.petition.text" />
        </label>
        <textarea
          id={`${scope}-text`}
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          {...describedIn(scope, file.error, 'text', `${scope}-hint`)}
        />
        <FieldProblem scope={scope} name="text" error={file.error} />
      </div>
      <div className="actions">
        <button type="submit" disabled={file.isPending}>
          <FormattedMessage id="account.petition.submit" />
        </button>
      </div>
      <ProblemAlert error={file.error} />
    </form>
  );
}

function MyPetition({ complaint }: { complaint: Complaint }) {
  return (
    <li className="card petition" data-complaint-id={complaint.complaintId} data-status={complaint.status}>
      <p>
        <FormattedMessage
          id="account.petition.filedAt"
          values={{ at: <DateTime value={complaint.filedAt} /> }}
        />
      </p>
      <blockquote className="petition-text">{complaint.text}</blockquote>
      {complaint.status === 'answered' ? (
        <div className="petition-answer">
          <p>
            <strong>
              <FormattedMessage
                id={complaint.upheld ? 'account.petition.upheld' : 'account.petition.dismissed'}
              />
            </strong>{' '}
            {complaint.answeredAt ? (
              <FormattedMessage
                id="account.petition.answeredAt"
                values={{ at: <DateTime value={complaint.answeredAt} /> }}
              />
            ) : null}
          </p>
          <p className="answer">{complaint.answer}</p>
        </div>
      ) : (
        <p className="due">
          <FormattedMessage
            id="account.petition.dueBy"
            values={{ at: <DateTime value={complaint.answerDueBy} /> }}
          />
        </p>
      )}
    </li>
  );
}

function LotResult({
  tender,
  etag,
  award,
  contractorId,
  bidOnLot,
  complaints,
}: {
  tender: PublicTender;
  etag: string;
  award: AwardNotice;
  contractorId: string | undefined;
  bidOnLot: boolean;
  complaints: readonly Complaint[];
}) {
  const procedures = useProcedures();
  const lotTitle = tender.lots.find((l) => l.lotId === award.lotId)?.title ?? award.lotId;
  const mine = award.contractorId === contractorId;
  const window = petitionWindow(award, tender.procurementMethod, procedures.data);
  const own = complaints.filter((c) => c.lotId === award.lotId && c.contractorId === contractorId);
  return (
    <li className="card lot-result" data-lot-id={award.lotId} data-mine={mine}>
      <h3>
        <FormattedMessage id="account.bids.lot" values={{ title: lotTitle }} />
      </h3>
      <dl className="facts award" data-award-id={award.awardId}>
        <dt>
          <FormattedMessage id="account.results.winner" />
        </dt>
        <dd className="winner">
          {award.contractorName ?? award.contractorId}
          {mine ? (
            <>
              {' '}
              <strong className="yours">
                <FormattedMessage id="account.results.yours" />
              </strong>
            </>
          ) : null}
        </dd>
        <dt>
          <FormattedMessage id="account.results.amount" />
        </dt>
        <dd>
          <Money amount={award.amount} currency={award.currency} />
        </dd>
        <dt>
          <FormattedMessage id="account.results.awardedAt" />
        </dt>
        <dd>
          <DateTime value={award.awardedAt} />
        </dd>
        <dt>
          <FormattedMessage id="account.results.standstillEndsAt" />
        </dt>
        <dd>
          <DateTime value={award.standstillEndsAt} />
        </dd>
      </dl>
      {own.length > 0 ? (
        <ul className="cards petitions">
          {own.map((c) => (
            <MyPetition key={c.complaintId} complaint={c} />
          ))}
        </ul>
      ) : null}
      {bidOnLot && !mine ? (
        isOpen(window, Date.now()) ? (
          <PetitionForm tender={tender} etag={etag} lotId={award.lotId} window={window} />
        ) : (
          <p className="petition-closed">
            <FormattedMessage
              id="account.petition.closed"
              values={{ at: <DateTime value={window.closesAt} /> }}
            />
          </p>
        )
      ) : null}
    </li>
  );
}

function Body({ tenderId, lang }: { tenderId: string; lang: string }) {
  const tender = usePublicTender(tenderId);
  const outcome = useOutcome(tenderId);
  const mine = useMyContractor();
  const bids = useMyBids();
  if (tender.error) return <ProblemAlert error={tender.error} />;
  if (!tender.data)
    return (
      <p role="status">
        <FormattedMessage id="loading" />
      </p>
    );
  const t = tender.data.tender;
  const contractorId = mine.data?.contractor.contractorId;
  const lotsBid = new Set((bids.data ?? []).filter((b) => b.tenderId === tenderId).map((b) => b.lotId));
  const awards = outcome.awards.data?.items ?? [];
  return (
    <>
      <h1 id="outcome-title">{t.title}</h1>
      <p className="tender-state">
        <FormattedMessage id={`status.${t.status}`} />
      </p>
      {t.status === 'published' ? (
        <p>
          <Link className="bid-link" to={`/${lang}/contractor/tenders/${tenderId}/bid`}>
            <FormattedMessage id="account.bids.replaceOrWithdraw" />
          </Link>
        </p>
      ) : null}
      <QuestionsSection tender={t} now={Date.now()} />
      <MinutesSection queries={outcome} />
      <section id="results" aria-labelledby="results-title" className="step">
        <h2 id="results-title">
          <FormattedMessage id="account.results.title" />
        </h2>
        <ProblemAlert error={outcome.awards.error ?? outcome.complaints.error} />
        {outcome.awards.data && awards.length === 0 ? (
          <p>
            <FormattedMessage id="account.results.none" />
          </p>
        ) : null}
        <ul className="cards">
          {awards.map((a) => (
            <LotResult
              key={a.awardId}
              tender={t}
              etag={tender.data.etag}
              award={a}
              contractorId={contractorId}
              bidOnLot={lotsBid.has(a.lotId)}
              complaints={outcome.complaints.data?.items ?? []}
            />
          ))}
        </ul>
      </section>
    </>
  );
}

export function TenderOutcome() {
  const { lang = 'vi', tenderId = '' } = useParams();
  return (
    <ContractorOnly>
      <section className="account outcome" aria-labelledby="outcome-title" data-tender-id={tenderId}>
        <p className="breadcrumb">
          <Link to={`/${lang}/contractor/bids`}>
            <FormattedMessage id="account.backToBids" />
          </Link>
        </p>
        <Body tenderId={tenderId} lang={lang} />
      </section>
    </ContractorOnly>
  );
}
