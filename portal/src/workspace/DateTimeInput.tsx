// A date-time typed as "dd/mm/yyyy hh:mm" in Vietnam's time, the zone named in its hint, whatever
// the browser's locale (a datetime-local input shows mm/dd/yyyy in en-US). The value kept is the
// text; the form sends the UTC instant it names (time.ts).
import { useIntl } from 'react-intl';
import { inputProps } from './fields';
import { fromHanoiText } from './time';

export function DateTimeInput({
  name,
  value,
  onChange,
  error,
}: {
  name: string;
  value: string;
  onChange: (text: string) => void;
  error: unknown;
}) {
  const intl = useIntl();
  const props = inputProps(error, name, true);
  const unreadable = value.trim() !== '' && fromHanoiText(value) === undefined;
  return (
    <input
      {...props}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={intl.formatMessage({ id: 'ws.datetime.placeholder' })}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      data-unreadable={unreadable ? 'true' : undefined}
    />
  );
}
