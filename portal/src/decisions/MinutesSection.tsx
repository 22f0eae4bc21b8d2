// The signed opening minutes as the procuring entity reads them before evaluating: per phase, when
// it was published and its SHA-256, each lot's count of valid and invalid bids, each opened bid
// (contractor, lot, price, when received) and each invalid one with its reason's code.
import { FormattedMessage } from 'react-intl';
import { DateTime, Money } from '../components/format';
import { ProblemAlert } from '../components/problems';
import type { DecisionQueries } from './queries';

export function MinutesSection({ queries }: { queries: Pick<DecisionQueries, 'minutes'> }) {
  const { minutes } = queries;
  return (
    <section id="minutes" aria-labelledby="minutes-title" className="step">
      <h2 id="minutes-title">
        <FormattedMessage id="decisions.step.minutes" />
      </h2>
      <ProblemAlert error={minutes.error} />
      {minutes.data === null || (minutes.data && minutes.data.items.length === 0) ? (
        <p>
          <FormattedMessage id="decisions.minutes.none" />
        </p>
      ) : null}
      {minutes.data?.items.map((item) => {
        const m = item.document.minutes;
        const lotTitle = (lotId: string) => m.lots.find((l) => l.lotId === lotId)?.title ?? lotId;
        return (
          <section key={item.objectKey} className="minutes card" data-phase={item.phase}>
            <h3>
              <FormattedMessage id={`decisions.minutes.phase.${item.phase}`} />
            </h3>
            <p>
              <FormattedMessage
                id="decisions.minutes.publishedAt"
                values={{ at: <DateTime value={item.publishedAt} /> }}
              />
            </p>
            <p className="sha256">
              <FormattedMessage id="decisions.minutes.sha256" values={{ hash: <code>{item.sha256}</code> }} />
            </p>
            <ul className="lot-counts">
              {m.lots.map((lot) => (
                <li key={lot.lotId} data-lot-id={lot.lotId}>
                  <FormattedMessage
                    id="decisions.minutes.lotCounts"
                    values={{ title: lot.title, valid: lot.validBids, invalid: lot.invalidBids }}
                  />
                </li>
              ))}
            </ul>
            <div className="table-wrap">
              <table className="minutes-bids">
                <caption>
                  <FormattedMessage id="decisions.minutes.bids" values={{ count: m.bids.length }} />
                </caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <FormattedMessage id="decisions.col.contractor" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="decisions.col.lot" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="decisions.col.price" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="decisions.col.receivedAt" />
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {m.bids.map((bid) => (
                    <tr key={bid.bidId} data-bid-id={bid.bidId}>
                      <th scope="row">{bid.contractorName ?? bid.contractorId}</th>
                      <td>{lotTitle(bid.lotId)}</td>
                      <td>
                        {bid.price ? (
                          <Money amount={bid.price.amount} currency={bid.price.currency} />
                        ) : (
                          <FormattedMessage id="decisions.minutes.priceSealed" />
                        )}
                      </td>
                      <td>
                        <DateTime value={bid.receivedAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {m.invalidBids.length > 0 ? (
              <>
                <h4>
                  <FormattedMessage id="decisions.minutes.invalid" values={{ count: m.invalidBids.length }} />
                </h4>
                <ul>
                  {m.invalidBids.map((bid) => (
                    <li key={bid.bidId} data-bid-id={bid.bidId}>
                      {bid.contractorName ?? bid.contractorId ?? bid.bidderRef} <code>{bid.reason.code}</code>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        );
      })}
    </section>
  );
}
