// The report's tables, each the charts' accessible counterpart, scrolling inside its own focusable
// box at 375 px: the API's rows as they come (month × category × method, and the organisation
// when broken down by child) with the period's total in the footer, and, for breakdown=children,
// one line per organisation (its own figures, then each child's subtree). The online share of the
// packages the target counts says in words whether it meets the target (the API's targetMet).
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Money } from '../components/format';
import type { KpiReport, KpiRow } from './api';
import { Decimal, Month, NoData, percentOf, Share } from './format';
import { byOrganisation, type Summed } from './rollup';

export function TargetMark({ met }: { met: boolean | null }) {
  if (met === null) return null;
  return (
    <span className={met ? 'target-mark met' : 'target-mark not-met'} data-met={String(met)}>
      <span aria-hidden="true">{met ? '✓' : '✗'}</span>{' '}
      <FormattedMessage id={met ? 'reports.target.met' : 'reports.target.notMet'} />
    </span>
  );
}

const figureColumns = [
  'packages',
  'onlineShareByCount',
  'onlineShareByValue',
  'targetShareByCount',
  'targetShareByValue',
  'tenders',
  'averageBids',
  'singleBidShare',
  'savingsVnd',
  'savingsPercent',
  'petitionShare',
  'medianDaysToAward',
] as const;

function Cells({ figures }: { figures: Summed & { medianDaysToAward?: number | null } }) {
  return (
    <>
      <td data-col="packages">
        <FormattedMessage
          id="reports.packagesOnline"
          values={{ online: figures.onlinePackages, total: figures.plannedPackages }}
        />
      </td>
      <td data-col="onlineShareByCount">
        <Share value={figures.onlineShareByCount} />
      </td>
      <td data-col="onlineShareByValue">
        <Share value={figures.onlineShareByValue} />
      </td>
      <td data-col="targetShareByCount">
        <Share value={figures.targetShareByCount} /> <TargetMark met={figures.targetMet} />
      </td>
      <td data-col="targetShareByValue">
        <Share value={figures.targetShareByValue} /> <TargetMark met={figures.targetMetByValue} />
      </td>
      <td data-col="tenders">{figures.tenders}</td>
      <td data-col="averageBids">
        <Decimal value={figures.averageBids} />
      </td>
      <td data-col="singleBidShare">
        <Share value={figures.singleBidShare} />
      </td>
      <td data-col="savingsVnd">
        {figures.awardedTenders > 0 ? <Money amount={figures.savingsVnd} /> : <NoData />}
      </td>
      <td data-col="savingsPercent">
        <Share value={figures.savingsPercent} />
      </td>
      <td data-col="petitionShare">
        <Share value={figures.petitionShare} />
      </td>
      <td data-col="medianDaysToAward">
        {figures.medianDaysToAward === undefined ? (
          <NoData />
        ) : (
          <Decimal value={figures.medianDaysToAward} digits={0} />
        )}
      </td>
    </>
  );
}

function Wrap({ id, caption, children }: { id: string; caption: ReactNode; children: ReactNode }) {
  return (
    // Wider than a phone: the box scrolls, and the keyboard must reach it to scroll (WCAG 2.1.1).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focusable on purpose
    <section className="table-wrap" tabIndex={0} aria-labelledby={`${id}-caption`}>
      <table className={`kpi-table ${id}`}>
        <caption id={`${id}-caption`}>{caption}</caption>
        {children}
      </table>
    </section>
  );
}

const FigureHeads = () => (
  <>
    {figureColumns.map((column) => (
      <th scope="col" key={column}>
        <FormattedMessage id={`reports.col.${column}`} />
      </th>
    ))}
  </>
);

function OrganisationName({ row }: { row: Pick<KpiRow, 'name' | 'organisationId' | 'rolledUp'> }) {
  return (
    <FormattedMessage
      id={row.rolledUp ? 'reports.organisation.subtree' : 'reports.organisation.own'}
      values={{ name: row.name ?? row.organisationId ?? '' }}
    />
  );
}

/** The API's rows, one line each, and the report's total. */
export function KpiTable({ report }: { report: KpiReport }) {
  const intl = useIntl();
  const children = report.breakdown === 'children';
  return (
    <Wrap
      id="kpi-rows"
      caption={
        <FormattedMessage
          id="reports.table.caption"
          values={{ target: percentOf(intl, report.target.percent) }}
        />
      }
    >
      <thead>
        <tr>
          <th scope="col">
            <FormattedMessage id="reports.col.month" />
          </th>
          {children ? (
            <th scope="col">
              <FormattedMessage id="reports.col.organisation" />
            </th>
          ) : null}
          <th scope="col">
            <FormattedMessage id="reports.col.category" />
          </th>
          <th scope="col">
            <FormattedMessage id="reports.col.method" />
          </th>
          <FigureHeads />
        </tr>
      </thead>
      <tbody>
        {report.rows.map((row) => (
          <tr
            key={`${row.organisationId}|${row.rolledUp}|${row.month}|${row.category}|${row.method}`}
            data-month={row.month}
            data-category={row.category}
            data-method={row.method}
            data-organisation-id={row.organisationId ?? ''}
          >
            <th scope="row">
              <Month month={row.month} />
            </th>
            {children ? (
              <td data-col="organisation">
                <OrganisationName row={row} />
              </td>
            ) : null}
            <td data-col="category">
              <FormattedMessage id={`category.${row.category}`} />
            </td>
            <td data-col="method">
              <FormattedMessage id={`method.${row.method}`} />
            </td>
            <Cells figures={row} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-month="total">
          <th scope="row" colSpan={children ? 4 : 3}>
            <FormattedMessage id="reports.total" />
          </th>
          <Cells figures={report.total} />
        </tr>
      </tfoot>
    </Wrap>
  );
}

/** breakdown=children: one line per organisation, its months, categories and methods summed. */
export function BreakdownTable({ report }: { report: KpiReport }) {
  const groups = byOrganisation(report.rows, report.target.percent);
  return (
    <Wrap id="kpi-breakdown" caption={<FormattedMessage id="reports.breakdown.caption" />}>
      <thead>
        <tr>
          <th scope="col">
            <FormattedMessage id="reports.col.organisation" />
          </th>
          <FigureHeads />
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr
            key={`${group.organisationId}|${group.rolledUp}`}
            data-organisation-id={group.organisationId ?? ''}
            data-rolled-up={String(group.rolledUp)}
          >
            <th scope="row">
              <OrganisationName row={group} />
            </th>
            <Cells figures={group} />
          </tr>
        ))}
      </tbody>
    </Wrap>
  );
}
