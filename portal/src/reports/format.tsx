// How the reports show their numbers: shares (the API's percentages, two decimals) and days in the
// reader's language, money as integer VND in vi-VN grouping (components/format.tsx), months of
// Vietnam's calendar, and "no data" said in words rather than a bare dash.
import { FormattedMessage, type IntlShape, useIntl } from 'react-intl';
import { timeZone } from '../components/format';
import { monthStart } from './filters';

/** A percentage as the API gives it (50, 38.46) in the reader's language. */
export const percentOf = (intl: IntlShape, percent: number) =>
  intl.formatNumber(percent / 100, { style: 'percent', maximumFractionDigits: 2 });

export const monthLabel = (intl: IntlShape, month: string) =>
  intl.formatDate(monthStart(month), { timeZone, year: 'numeric', month: 'long' });

export function NoData() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">
        <FormattedMessage id="reports.noData" />
      </span>
    </>
  );
}

export function Share({ value }: { value: number | null }) {
  const intl = useIntl();
  if (value === null) return <NoData />;
  return <data value={String(value)}>{percentOf(intl, value)}</data>;
}

export function Decimal({ value, digits = 2 }: { value: number | null; digits?: number }) {
  const intl = useIntl();
  if (value === null) return <NoData />;
  return <data value={String(value)}>{intl.formatNumber(value, { maximumFractionDigits: digits })}</data>;
}

export function Month({ month }: { month: string }) {
  const intl = useIntl();
  return <time dateTime={month}>{monthLabel(intl, month)}</time>;
}
