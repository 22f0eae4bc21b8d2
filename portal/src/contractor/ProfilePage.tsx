// Editing the company's profile: name, address, representatives and contacts (PATCH
// /contractors/{id} with If-Match: the ETag of the profile as read, so an edit made meanwhile is
// refused, 412, instead of overwritten). The enterprise code and the status are not the
// contractor's to change.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../components/problems';
import { type Contractor, useMyContractor } from './api';
import { bodyOf, CompanyForm, type CompanyValues, valuesOf } from './CompanyForm';
import { ContractorOnly } from './ContractorOnly';

function Edit({ contractor, etag }: { contractor: Contractor; etag: string }) {
  const session = useSession();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: async (values: CompanyValues) => {
      const result = await api.PATCH('/contractors/{contractorId}', {
        params: { path: { contractorId: contractor.contractorId }, header: { 'If-Match': etag } },
        body: bodyOf(values),
      });
      const saved = orThrow(result);
      return { contractor: saved, etag: result.response.headers.get('etag') ?? `"${saved.version}"` };
    },
    onSuccess: (data) => client.setQueryData(['account', session?.sub, 'contractor'], data),
  });
  return (
    <>
      {save.isSuccess ? (
        <p className="notice" role="status" id="profile-saved">
          <FormattedMessage id="account.profile.saved" />
        </p>
      ) : null}
      <CompanyForm
        key={contractor.version}
        initial={valuesOf(contractor)}
        register={false}
        pending={save.isPending}
        error={save.error}
        onSubmit={(values) => save.mutate(values)}
      />
    </>
  );
}

function Body() {
  const { lang = 'vi' } = useParams();
  const mine = useMyContractor();
  if (mine.error) return <ProblemAlert error={mine.error} />;
  if (mine.data === undefined)
    return (
      <p role="status">
        <FormattedMessage id="loading" />
      </p>
    );
  if (mine.data === null)
    return (
      <p>
        <Link to={`/${lang}/contractor`}>
          <FormattedMessage id="account.profile.registerFirst" />
        </Link>
      </p>
    );
  return <Edit contractor={mine.data.contractor} etag={mine.data.etag} />;
}

export function ProfilePage() {
  const { lang = 'vi' } = useParams();
  return (
    <ContractorOnly>
      <section className="account" aria-labelledby="profile-title">
        <p className="breadcrumb">
          <Link to={`/${lang}/contractor`}>
            <FormattedMessage id="account.backToDashboard" />
          </Link>
        </p>
        <h1 id="profile-title">
          <FormattedMessage id="account.profile.title" />
        </h1>
        <Body />
      </section>
    </ContractorOnly>
  );
}
