// The audit log, browsed: events filtered by tender, actor, action and a time range (Vietnam's
// time, sent as UTC instants), oldest first, a page at a time; the filters and the cursor live in
// the URL. The API picks the index per filter (shared/audit-log/event-query.ts) and refuses bad
// values beside their field. Each event opens with its inclusion proof checked.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { DateTime } from '../components/format';
import { Pager } from '../components/Pager';
import { ProblemAlert } from '../components/problems';
import { Field, inputProps } from '../workspace/fields';
import { fromHanoiText, toHanoiText } from '../workspace/time';
import { BackToDashboard, OversightGate } from './Gate';

const textFilters = ['tenderId', 'actor', 'action'] as const;
const timeFilters = ['from', 'to'] as const;
type FilterName = (typeof textFilters)[number] | (typeof timeFilters)[number];

/** The events the URL's filters select; the filters' form reads the same query for its refusals. */
function useEvents() {
  const [search] = useSearchParams();
  const query = Object.fromEntries(
    [...textFilters, ...timeFilters, 'cursor'].flatMap((name) => {
      const value = search.get(name);
      return value ? [[name, value]] : [];
    }),
  );
  return useQuery({
    queryKey: ['oversight', 'events', query],
    queryFn: async () =>
      orThrow(await api.GET('/audit/events', { params: { query: { limit: 25, ...query } } })),
  });
}

function Filters() {
  const intl = useIntl();
  const [search, setSearch] = useSearchParams();
  const { error } = useEvents();
  const [values, setValues] = useState<Record<FilterName, string>>(() => ({
    tenderId: search.get('tenderId') ?? '',
    actor: search.get('actor') ?? '',
    action: search.get('action') ?? '',
    from: toHanoiText(search.get('from') ?? undefined),
    to: toHanoiText(search.get('to') ?? undefined),
  }));
  return (
    <form
      className="oversight-filters"
      aria-label={intl.formatMessage({ id: 'oversight.log.filters' })}
      onSubmit={(event) => {
        event.preventDefault();
        const next = new URLSearchParams();
        for (const name of textFilters) if (values[name].trim()) next.set(name, values[name].trim());
        // An unreadable time goes as typed, for the API to refuse beside its field.
        for (const name of timeFilters)
          if (values[name].trim()) next.set(name, fromHanoiText(values[name]) ?? values[name].trim());
        setSearch(next);
      }}
    >
      {[...textFilters, ...timeFilters].map((name) => (
        <Field
          key={name}
          name={name}
          label={<FormattedMessage id={`oversight.log.${name}`} />}
          hint={<FormattedMessage id={`oversight.log.${name}.hint`} />}
          error={error}
        >
          <input
            {...inputProps(error, name, true)}
            type="text"
            autoComplete="off"
            value={values[name]}
            onChange={(e) => setValues({ ...values, [name]: e.target.value })}
          />
        </Field>
      ))}
      <div className="actions">
        <button type="submit">
          <FormattedMessage id="oversight.log.apply" />
        </button>
      </div>
    </form>
  );
}

function Events() {
  const { lang } = useParams();
  const events = useEvents();
  return (
    <>
      <ProblemAlert error={events.error} />
      {events.data && events.data.items.length === 0 ? (
        <p className="empty">
          <FormattedMessage id="oversight.log.none" />
        </p>
      ) : null}
      {events.data && events.data.items.length > 0 ? (
        <div className="table-scroll">
          <table className="audit-events">
            <caption>
              <FormattedMessage id="oversight.log.caption" />
            </caption>
            <thead>
              <tr>
                {['at', 'action', 'actor', 'object', 'seq'].map((c) => (
                  <th key={c} scope="col">
                    <FormattedMessage id={`oversight.log.col.${c}`} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {events.data.items.map((event) => (
                <tr key={event.eventId} data-event-id={event.eventId} data-action={event.action}>
                  <td>
                    <DateTime value={event.at} />
                  </td>
                  <td>
                    <Link to={`/${lang}/oversight/log/events/${event.eventId}`}>
                      <code>{event.action}</code>
                    </Link>
                  </td>
                  <td>
                    <FormattedMessage id={`oversight.role.${event.actor.role}`} />{' '}
                    <code>{event.actor.sub}</code>
                  </td>
                  <td>
                    <code>
                      {event.object.type} {event.object.id}
                    </code>
                  </td>
                  <td>{event.seq ?? <FormattedMessage id="oversight.log.pending" />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager nextCursor={events.data?.nextCursor} />
    </>
  );
}

export function AuditLog() {
  const [search] = useSearchParams();
  return (
    <OversightGate>
      <BackToDashboard />
      <h1>
        <FormattedMessage id="oversight.log.title" />
      </h1>
      <p>
        <FormattedMessage id="oversight.log.intro" />
      </p>
      <Filters key={search.toString()} />
      <Events />
    </OversightGate>
  );
}
