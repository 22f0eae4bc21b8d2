// Cursor pagination with stable URLs: the cursor lives in the query string, so every page of a
// list can be linked, reloaded and shared; "first page" drops it.
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';

export function Pager({ nextCursor }: { nextCursor: string | undefined }) {
  const intl = useIntl();
  const { pathname, search } = useLocation();
  const params = new URLSearchParams(search);
  const onLaterPage = params.has('cursor');
  const withCursor = (cursor: string | undefined) => {
    const next = new URLSearchParams(search);
    if (cursor) next.set('cursor', cursor);
    else next.delete('cursor');
    const query = next.toString();
    return `${pathname}${query ? `?${query}` : ''}`;
  };
  if (!onLaterPage && !nextCursor) return null;
  return (
    <nav className="pager" aria-label={intl.formatMessage({ id: 'pager.label' })}>
      {onLaterPage ? (
        <Link to={withCursor(undefined)} rel="first">
          <FormattedMessage id="pager.first" />
        </Link>
      ) : null}
      {nextCursor ? (
        <Link to={withCursor(nextCursor)} rel="next">
          <FormattedMessage id="pager.next" />
        </Link>
      ) : null}
    </nav>
  );
}
