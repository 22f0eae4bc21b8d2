// Instants arrive as UTC; the portal shows them in Vietnam's time, with the zone named, whatever
// the browser's own zone. Money is integer VND (or the tender's currency) in vi-VN grouping.
import { FormattedMessage, useIntl } from 'react-intl';

export const timeZone = 'Asia/Ho_Chi_Minh';

export function DateTime({ value }: { value: string }) {
  const intl = useIntl();
  const time = intl.formatDate(value, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hourCycle: 'h23',
  });
  return (
    <time dateTime={value} className="datetime">
      <FormattedMessage id="time.inZone" values={{ time }} />
    </time>
  );
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: number | string, currency = 'VND'): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('vi-VN', { style: 'currency', currency, maximumFractionDigits: 0 });
    moneyFormats.set(currency, format);
  }
  // Amounts may be strings of digits beyond 2^53: the string form keeps every digit.
  return format.format(amount as Intl.StringNumericLiteral);
}

export function Money({ amount, currency }: { amount: number | string; currency?: string }) {
  return (
    <data className="money" value={String(amount)}>
      {formatMoney(amount, currency)}
    </data>
  );
}

export function FileSize({ bytes }: { bytes: number }) {
  const intl = useIntl();
  return (
    <>{intl.formatNumber(bytes / 1024, { maximumFractionDigits: 1, style: 'unit', unit: 'kilobyte' })}</>
  );
}
