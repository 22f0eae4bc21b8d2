// Where the open data lives: the OCDS release feed and the API description.
import { FormattedMessage } from 'react-intl';
import { apiBase } from '../api/client';

export function OpenData() {
  return (
    <section>
      <h1>
        <FormattedMessage id="openData.title" />
      </h1>
      <p>
        <FormattedMessage id="openData.body" />
      </p>
      <ul>
        <li>
          <a href={`${apiBase}/ocds/releases`} download>
            <FormattedMessage id="openData.releases" />
          </a>
        </li>
        <li>
          <a href={`${apiBase}/openapi.json`}>
            <FormattedMessage id="openData.openapi" />
          </a>
        </li>
      </ul>
    </section>
  );
}
