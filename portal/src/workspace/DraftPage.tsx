// A new draft (POST /tenders) or an edit of one (PATCH with If-Match), through the form built
// from the chosen procedure; a refusal stays on the page with each field's message beside it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import { api, orThrow } from '../api/client';
import { ProblemAlert } from '../components/problems';
import { type TenderCreate, useOwnTender, useProcedures } from './api';
import { type DraftState, draftBody, draftFrom, emptyDraft } from './draft-state';
import { SignedIn } from './SignedIn';
import { TenderForm } from './TenderForm';

function Loading() {
  return (
    <p>
      <FormattedMessage id="loading" />
    </p>
  );
}

function NewDraft() {
  const { lang } = useParams();
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const procedures = useProcedures();
  const create = useMutation({
    mutationFn: async (state: DraftState) =>
      orThrow(await api.POST('/tenders', { body: draftBody(state) as TenderCreate })),
    onSuccess: async (tender) => {
      await queryClient.invalidateQueries({ queryKey: ['entity-tenders'] });
      navigate(`/${lang}/workspace/tenders/${tender.tenderId}`);
    },
  });
  if (procedures.error) return <ProblemAlert error={procedures.error} />;
  if (!procedures.data) return <Loading />;
  return (
    <TenderForm
      initial={emptyDraft}
      procedures={procedures.data}
      error={create.error}
      pending={create.isPending}
      submitLabel={intl.formatMessage({ id: 'ws.draft.create' })}
      onSubmit={(state) => create.mutate(state)}
    />
  );
}

function EditDraft({ tenderId }: { tenderId: string }) {
  const { lang } = useParams();
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const procedures = useProcedures();
  const own = useOwnTender(tenderId);
  const save = useMutation({
    mutationFn: async (state: DraftState) => {
      const etag = own.data?.etag ?? '';
      const { currency: _currency, ...body } = draftBody(state);
      return orThrow(
        await api.PATCH('/tenders/{tenderId}', {
          params: { path: { tenderId }, header: { 'If-Match': etag } },
          body,
        }),
      );
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['entity-tender', tenderId] });
      navigate(`/${lang}/workspace/tenders/${tenderId}`);
    },
  });
  const error = procedures.error ?? own.error;
  if (error) return <ProblemAlert error={error} />;
  if (!procedures.data || !own.data) return <Loading />;
  return (
    <TenderForm
      key={own.data.etag}
      initial={draftFrom(own.data.tender)}
      procedures={procedures.data}
      error={save.error}
      pending={save.isPending}
      submitLabel={intl.formatMessage({ id: 'ws.draft.save' })}
      onSubmit={(state) => save.mutate(state)}
    />
  );
}

export function DraftPage() {
  const { lang, tenderId } = useParams();
  return (
    <SignedIn>
      <p>
        <Link to={tenderId ? `/${lang}/workspace/tenders/${tenderId}` : `/${lang}/workspace`}>
          <FormattedMessage id={tenderId ? 'ws.back.tender' : 'ws.back.dashboard'} />
        </Link>
      </p>
      <h1>
        <FormattedMessage id={tenderId ? 'ws.draft.editTitle' : 'ws.draft.newTitle'} />
      </h1>
      {tenderId ? <EditDraft tenderId={tenderId} /> : <NewDraft />}
    </SignedIn>
  );
}
