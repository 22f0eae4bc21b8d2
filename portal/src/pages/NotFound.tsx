import { FormattedMessage } from 'react-intl';

export function NotFound() {
  return (
    <section>
      <h1>
        <FormattedMessage id="notFound.title" />
      </h1>
      <p>
        <FormattedMessage id="notFound.body" />
      </p>
    </section>
  );
}
