// The report's figures month by month, with the range's totals in the footer: an HTML table with
// its caption and headers (the chart's accessible counterpart), scrolling inside its own focusable
// box at 375 px. Each online share says in words whether it meets the target.
import { FormattedMessage, useIntl } from 'react-intl';
import { Money } from '../components/format';
import { Decimal, Month, NoData, percentOf, Share } from './format';
import type { KpiFigures, KpiReport } from './types';

export function TargetMark({ share, target }: { share: number | null; target: number }) {
  if (share === null) return null;
  const met = share >= target;
  return (
    <span className={met ? 'target-mark met' : 'target-mark not-met'} data-met={String(met)}>
      <span aria-hidden="true">{met ? '✓' : '✗'}</span>{' '}
      <FormattedMessage id={met ? 'reports.target.met' : 'reports.target.notMet'} />
    </span>
  );
}

const columns = [
  'packages',
  'onlineShareByCount',
  'onlineShareByValue',
  'savings',
  'savingsShare',
  'averageBids',
  'singleBidShare',
  'petitionShare',
  'medianDaysToAward',
] as const;

function Cells({ figures, target }: { figures: KpiFigures; target: number }) {
  return (
    <>
      <td data-col="packages">
        <FormattedMessage
          id="reports.packagesOnline"
          values={{ online: figures.onlinePackages, total: figures.planPackages }}
        />
      </td>
      <td data-col="onlineShareByCount">
        <Share value={figures.onlineShareByCount} />{' '}
        <TargetMark share={figures.onlineShareByCount} target={target} />
      </td>
      <td data-col="onlineShareByValue">
        <Share value={figures.onlineShareByValue} />{' '}
        <TargetMark share={figures.onlineShareByValue} target={target} />
      </td>
      <td data-col="savings">
        {figures.awardedPackages > 0 ? <Money amount={figures.savings} /> : <NoData />}
      </td>
      <td data-col="savingsShare">
        <Share value={figures.savingsShare} />
      </td>
      <td data-col="averageBids">
        <Decimal value={figures.averageBids} />
      </td>
      <td data-col="singleBidShare">
        <Share value={figures.singleBidShare} />
      </td>
      <td data-col="petitionShare">
        <Share value={figures.petitionShare} />
      </td>
      <td data-col="medianDaysToAward">
        <Decimal value={figures.medianDaysToAward} />
      </td>
    </>
  );
}

export function KpiTable({ report }: { report: KpiReport }) {
  const intl = useIntl();
  const target = report.target.onlineShare;
  return (
    // Wider than a phone: the box scrolls, and the keyboard must reach it to scroll (WCAG 2.1.1).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focusable on purpose
    <section className="table-wrap" tabIndex={0} aria-labelledby="kpi-table-caption">
      <table className="kpi-table">
        <caption id="kpi-table-caption">
          <FormattedMessage id="reports.table.caption" values={{ target: percentOf(intl, target) }} />
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <FormattedMessage id="reports.col.month" />
            </th>
            {columns.map((column) => (
              <th scope="col" key={column}>
                <FormattedMessage id={`reports.col.${column}`} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.months.map((row) => (
            <tr key={row.month} data-month={row.month}>
              <th scope="row">
                <Month month={row.month} />
              </th>
              <Cells figures={row} target={target} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-month="total">
            <th scope="row">
              <FormattedMessage id="reports.total" />
            </th>
            <Cells figures={report.totals} target={target} />
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
