// The ranking: the request answers 202 with its id and the evaluation queue ranks the bids; the
// page polls the evaluation until it is ranked under that request, then shows the stored report
// (per lot: rank, price after discount, evaluated price, scores; and why a bid was excluded).
import { useMutation } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, orThrow } from '../api/client';
import { DateTime, Money } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { evaluationEtag, ifMatchHeader } from './http';
import type { DecisionQueries } from './queries';

export function RankingSection({
  queries,
  tenderId,
  pending,
  onRequested,
}: {
  queries: DecisionQueries;
  tenderId: string;
  pending: boolean;
  onRequested: (requestId: string) => void;
}) {
  const intl = useIntl();
  const { evaluation, report, tender, awards } = queries;
  const request = useMutation({
    mutationFn: async () => {
      const read = queries.evaluation.data;
      return orThrow(
        await api.POST('/tenders/{tenderId}/evaluation/ranking', {
          params: { path: { tenderId }, header: ifMatchHeader(read ? evaluationEtag(read) : undefined) },
        }),
      );
    },
    onSuccess: (accepted) => onRequested(accepted.requestId),
  });
  const state = evaluation.data?.data;
  const closed = tender.data?.data.status !== 'evaluating' || (awards.data?.items.length ?? 0) > 0;
  const doc = report.data?.document;
  const names = new Map((state?.bids ?? []).map((b) => [b.bidId, b.contractorName ?? b.contractorId]));
  const lotTitle = (lotId: string) => tender.data?.data.lots.find((l) => l.lotId === lotId)?.title ?? lotId;
  const computed = new Map((doc?.report?.steps.computation ?? []).map((c) => [c.bidId, c]));
  const stale = state?.report && state.stage !== 'ranked' && state.stage !== 'requested';
  return (
    <section id="ranking" aria-labelledby="ranking-title" className="step">
      <h2 id="ranking-title">
        <FormattedMessage id="decisions.step.ranking" />
      </h2>
      <p>
        <FormattedMessage id="decisions.ranking.intro" />
      </p>
      {closed ? null : (
        <div className="actions">
          <button type="button" onClick={() => request.mutate()} disabled={request.isPending || pending}>
            <FormattedMessage id="decisions.ranking.request" />
          </button>
        </div>
      )}
      <p role="status" className="ranking-state" data-stage={state?.stage}>
        {pending || state?.stage === 'requested' ? <FormattedMessage id="decisions.ranking.running" /> : null}
        {!pending && state?.stage === 'ranked' ? <FormattedMessage id="decisions.ranking.done" /> : null}
        {!pending && stale ? <FormattedMessage id="decisions.ranking.stale" /> : null}
      </p>
      <ProblemAlert error={request.error} />
      <ProblemAlert error={report.error} />
      {state?.report && doc?.report ? (
        <div className="report" data-sha256={state.report.sha256}>
          <p>
            <FormattedMessage
              id="decisions.ranking.rankedAt"
              values={{ at: <DateTime value={state.report.rankedAt} /> }}
            />
          </p>
          <p className="sha256">
            <FormattedMessage
              id="decisions.ranking.sha256"
              values={{ hash: <code>{state.report.sha256}</code> }}
            />
          </p>
          {doc.report.steps.ranking.map((lot) => (
            <div className="table-wrap" key={lot.lotId}>
              <table className="ranking" data-lot-id={lot.lotId}>
                <caption>{lotTitle(lot.lotId)}</caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <FormattedMessage id="decisions.col.rank" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="decisions.col.contractor" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="decisions.col.priceAfterDiscount" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="decisions.col.evaluatedPrice" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="decisions.col.score" />
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {lot.ranked.map((r) => {
                    const c = computed.get(r.bidId);
                    const score = c?.combinedScore?.decimal ?? c?.technical?.score.decimal;
                    return (
                      <tr key={r.bidId} data-bid-id={r.bidId} data-rank={r.rank}>
                        <td>{r.rank}</td>
                        <th scope="row">{names.get(r.bidId) ?? r.contractorId}</th>
                        <td>
                          {c ? <Money amount={c.priceAfterDiscount} currency={doc.report?.currency} /> : null}
                        </td>
                        <td>
                          {c ? <Money amount={c.evaluatedPrice} currency={doc.report?.currency} /> : null}
                        </td>
                        <td>{score ?? <FormattedMessage id="decisions.ranking.noScore" />}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ))}
          {doc.report.outcomes.some((o) => o.status === 'excluded') ? (
            <>
              <h3>
                <FormattedMessage id="decisions.ranking.excluded" />
              </h3>
              <ul className="excluded">
                {doc.report.outcomes.map((o) =>
                  o.status === 'excluded' ? (
                    <li key={o.bidId} data-bid-id={o.bidId} data-reason={o.reason}>
                      {names.get(o.bidId) ?? o.bidId}
                      {': '}
                      {intl.formatMessage({ id: `decisions.exclusion.${o.reason}` })}
                    </li>
                  ) : null,
                )}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
