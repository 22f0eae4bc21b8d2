// The contractor's home: with no company yet (GET /me/contractor answers 404), the registration
// form; then the company, its standing in the register, and the ways on: the profile, my bids,
// signing keys (the bidding pages) and notifications.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { useSession } from '../auth/session';
import { DateTime } from '../components/format';
import { ProblemAlert } from '../components/problems';
import { type Contractor, useMyContractor } from './api';
import { bodyOf, CompanyForm, type CompanyValues, emptyCompany } from './CompanyForm';
import { ContractorOnly } from './ContractorOnly';

function Register() {
  const session = useSession();
  const client = useQueryClient();
  const register = useMutation({
    mutationFn: async (values: CompanyValues) => {
      const result = await api.POST('/contractors', {
        body: { ...bodyOf(values), enterpriseCode: values.enterpriseCode.trim() },
      });
      const contractor = orThrow(result);
      return { contractor, etag: result.response.headers.get('etag') ?? `"${contractor.version}"` };
    },
    onSuccess: (data) => client.setQueryData(['account', session?.sub, 'contractor'], data),
  });
  return (
    <>
      <p className="lead">
        <FormattedMessage id="account.register.lead" />
      </p>
      <CompanyForm
        initial={emptyCompany}
        register
        pending={register.isPending}
        error={register.error}
        onSubmit={(values) => register.mutate(values)}
      />
    </>
  );
}

export function Company({ contractor }: { contractor: Contractor }) {
  const { lang = 'vi' } = useParams();
  return (
    <section
      className="card company"
      aria-labelledby="company-name"
      data-contractor-id={contractor.contractorId}
    >
      <h2 id="company-name">{contractor.name}</h2>
      <dl className="facts">
        <dt>
          <FormattedMessage id="account.company.enterpriseCode" />
        </dt>
        <dd className="enterprise-code">{contractor.enterpriseCode}</dd>
        <dt>
          <FormattedMessage id="account.company.status" />
        </dt>
        <dd className="contractor-status" data-status={contractor.status}>
          <FormattedMessage id={`contractorStatus.${contractor.status}`} />
          {contractor.statusUntil ? (
            <>
              {' '}
              <FormattedMessage
                id="account.company.statusUntil"
                values={{ at: <DateTime value={contractor.statusUntil} /> }}
              />
            </>
          ) : null}
        </dd>
        <dt>
          <FormattedMessage id="account.company.registeredAt" />
        </dt>
        <dd>
          <DateTime value={contractor.createdAt} />
        </dd>
      </dl>
      <nav aria-labelledby="company-name" className="account-links">
        <ul>
          <li>
            <Link to={`/${lang}/contractor/bids`} id="account-link-bids">
              <FormattedMessage id="account.link.bids" />
            </Link>
          </li>
          <li>
            <Link to={`/${lang}/contractor/keys`} id="account-link-keys">
              <FormattedMessage id="account.link.keys" />
            </Link>
          </li>
          <li>
            <Link to={`/${lang}/contractor/profile`} id="account-link-profile">
              <FormattedMessage id="account.link.profile" />
            </Link>
          </li>
          <li>
            <Link to={`/${lang}/contractor/notifications`} id="account-link-notifications">
              <FormattedMessage id="account.link.notifications" />
            </Link>
          </li>
        </ul>
      </nav>
    </section>
  );
}

function Home() {
  const mine = useMyContractor();
  if (mine.error) return <ProblemAlert error={mine.error} />;
  if (mine.data === undefined)
    return (
      <p role="status">
        <FormattedMessage id="loading" />
      </p>
    );
  return mine.data === null ? <Register /> : <Company contractor={mine.data.contractor} />;
}

export function Dashboard() {
  return (
    <ContractorOnly>
      <section className="account" aria-labelledby="account-title">
        <h1 id="account-title">
          <FormattedMessage id="account.title" />
        </h1>
        <Home />
      </section>
    </ContractorOnly>
  );
}
