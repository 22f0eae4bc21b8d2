// The company's details, for registering it (POST /contractors) and for editing the profile
// (PATCH /contractors/{id}): name, address, legal representatives and contacts, a row each, added
// and removed. The enterprise code is asked once, at registration, and checked here as the API's
// schema checks it (shared/parties/enterprise-code.ts) before anything is sent; a code already
// registered is refused by the API (CONFLICT naming body.enterpriseCode) and said so beside it.
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { normaliseEnterpriseCode } from '../../../shared/parties/enterprise-code.ts';
import { describedBy, FieldMessage, fieldError, ProblemAlert, problemOf } from '../components/problems';
import type { Contractor, Registration } from './api';

type Contact = Registration['contacts'][number];
type Representative = Registration['representatives'][number];

export interface CompanyValues {
  readonly name: string;
  readonly enterpriseCode: string;
  readonly address: { street: string; district: string; province: string };
  readonly contacts: Contact[];
  readonly representatives: Representative[];
}

export const emptyCompany: CompanyValues = {
  name: '',
  enterpriseCode: '',
  address: { street: '', district: '', province: '' },
  contacts: [{ name: '', email: '', phone: '' }],
  representatives: [{ name: '', title: '' }],
};

export function valuesOf(c: Contractor): CompanyValues {
  return {
    name: c.name,
    enterpriseCode: c.enterpriseCode,
    address: { street: c.address.street, district: c.address.district ?? '', province: c.address.province },
    contacts: c.contacts.map((x) => ({ name: x.name, email: x.email, phone: x.phone ?? '' })),
    representatives: c.representatives.map((r) => ({ ...r })),
  };
}

/** The body the API takes: trimmed, optional fields left out when empty. */
export function bodyOf(v: CompanyValues) {
  return {
    name: v.name.trim(),
    address: {
      street: v.address.street.trim(),
      province: v.address.province.trim(),
      ...(v.address.district.trim() ? { district: v.address.district.trim() } : {}),
    },
    contacts: v.contacts.map((c) => ({
      name: c.name.trim(),
      email: c.email.trim(),
      ...(c.phone?.trim() ? { phone: c.phone.trim() } : {}),
    })),
    representatives: v.representatives.map((r) => ({ name: r.name.trim(), title: r.title.trim() })),
  };
}

/** A registration refused because the code is taken: a conflict naming the enterprise code. */
export const codeTaken = (error: unknown) =>
  problemOf(error)?.code === 'CONFLICT' && fieldError(error, 'enterpriseCode') !== undefined;

function Input({
  name,
  label,
  value,
  onChange,
  error,
  type = 'text',
  autoComplete,
}: {
  name: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error: unknown;
  type?: string;
  autoComplete?: string;
}) {
  const id = `company-${name.replace(/\./g, '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        autoComplete={autoComplete}
        onChange={(e) => onChange(e.target.value)}
        {...describedBy(error, name)}
      />
      <FieldMessage name={name} error={error} />
    </div>
  );
}

export function CompanyForm({
  initial,
  register,
  pending,
  error,
  onSubmit,
}: {
  initial: CompanyValues;
  /** Registration asks for the enterprise code; the profile shows it, unchangeable. */
  register: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (values: CompanyValues) => void;
}) {
  const intl = useIntl();
  const [v, setV] = useState<CompanyValues>(initial);
  const [codeInvalid, setCodeInvalid] = useState(false);
  const titleId = useId();
  const set = (patch: Partial<CompanyValues>) => setV((old) => ({ ...old, ...patch }));
  const setRow = <K extends 'contacts' | 'representatives'>(
    key: K,
    index: number,
    patch: Partial<CompanyValues[K][number]>,
  ) =>
    setV((old) => ({
      ...old,
      [key]: old[key].map((row, i) => (i === index ? { ...row, ...patch } : row)),
    }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (register && !normaliseEnterpriseCode(v.enterpriseCode)) {
      setCodeInvalid(true);
      return;
    }
    setCodeInvalid(false);
    onSubmit(v);
  };
  const taken = register && codeTaken(error);
  const codeMessage = codeInvalid
    ? 'account.company.enterpriseCodeInvalid'
    : taken
      ? 'account.company.enterpriseCodeTaken'
      : fieldError(error, 'enterpriseCode')
        ? 'account.company.enterpriseCodeInvalid'
        : undefined;
  return (
    <form className="account-form" onSubmit={submit} aria-labelledby={titleId} noValidate>
      <h2 id={titleId}>
        <FormattedMessage id={register ? 'account.register.title' : 'account.profile.formTitle'} />
      </h2>
      <fieldset>
        <legend>
          <FormattedMessage id="account.company.identity" />
        </legend>
        <Input
          name="name"
          label={<FormattedMessage id="account.company.name" />}
          value={v.name}
          onChange={(name) => set({ name })}
          error={error}
          autoComplete="organization"
        />
        {register ? (
          <div className="field">
            <label htmlFor="company-enterpriseCode">
              <FormattedMessage id="account.company.enterpriseCode" />
            </label>
            <p className="hint" id="company-enterpriseCode-hint">
              <FormattedMessage id="account.company.enterpriseCodeHint" />
            </p>
            <input
              id="company-enterpriseCode"
              inputMode="numeric"
              value={v.enterpriseCode}
              onChange={(e) => set({ enterpriseCode: e.target.value })}
              aria-invalid={codeMessage ? true : undefined}
              aria-describedby={`company-enterpriseCode-hint${codeMessage ? ' company-enterpriseCode-error' : ''}`}
            />
            {codeMessage ? (
              <p
                className="field-error"
                id="company-enterpriseCode-error"
                data-code={codeInvalid ? 'ENTERPRISE_CODE_FORMAT' : problemOf(error)?.code}
              >
                <FormattedMessage id={codeMessage} />
              </p>
            ) : null}
          </div>
        ) : (
          <p className="enterprise-code">
            <FormattedMessage
              id="account.company.enterpriseCodeFixed"
              values={{ code: <code>{v.enterpriseCode}</code> }}
            />
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>
          <FormattedMessage id="account.company.address" />
        </legend>
        <Input
          name="address.street"
          label={<FormattedMessage id="account.company.street" />}
          value={v.address.street}
          onChange={(street) => set({ address: { ...v.address, street } })}
          error={error}
          autoComplete="street-address"
        />
        <Input
          name="address.district"
          label={<FormattedMessage id="account.company.district" />}
          value={v.address.district}
          onChange={(district) => set({ address: { ...v.address, district } })}
          error={error}
        />
        <Input
          name="address.province"
          label={<FormattedMessage id="account.company.province" />}
          value={v.address.province}
          onChange={(province) => set({ address: { ...v.address, province } })}
          error={error}
          autoComplete="address-level1"
        />
      </fieldset>
      <fieldset className="rows" data-rows="representatives">
        <legend>
          <FormattedMessage id="account.company.representatives" />
        </legend>
        {v.representatives.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
          <div className="row" key={i} data-row={i}>
            <Input
              name={`representatives.${i}.name`}
              label={<FormattedMessage id="account.company.representativeName" />}
              value={r.name}
              onChange={(name) => setRow('representatives', i, { name })}
              error={error}
            />
            <Input
              name={`representatives.${i}.title`}
              label={<FormattedMessage id="account.company.representativeTitle" />}
              value={r.title}
              onChange={(title) => setRow('representatives', i, { title })}
              error={error}
            />
            {v.representatives.length > 1 ? (
              <button
                type="button"
                className="secondary"
                aria-label={intl.formatMessage({ id: 'account.company.removeRepresentative' }, { n: i + 1 })}
                onClick={() => set({ representatives: v.representatives.filter((_, j) => j !== i) })}
              >
                <FormattedMessage id="account.company.remove" />
              </button>
            ) : null}
          </div>
        ))}
        <FieldMessage name="representatives" error={error} />
        <div className="actions">
          <button
            type="button"
            className="secondary"
            onClick={() => set({ representatives: [...v.representatives, { name: '', title: '' }] })}
          >
            <FormattedMessage id="account.company.addRepresentative" />
          </button>
        </div>
      </fieldset>
      <fieldset className="rows" data-rows="contacts">
        <legend>
          <FormattedMessage id="account.company.contacts" />
        </legend>
        {v.contacts.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
          <div className="row" key={i} data-row={i}>
            <Input
              name={`contacts.${i}.name`}
              label={<FormattedMessage id="account.company.contactName" />}
              value={c.name}
              onChange={(name) => setRow('contacts', i, { name })}
              error={error}
            />
            <Input
              name={`contacts.${i}.email`}
              label={<FormattedMessage id="account.company.contactEmail" />}
              type="email"
              value={c.email}
              onChange={(email) => setRow('contacts', i, { email })}
              error={error}
            />
            <Input
              name={`contacts.${i}.phone`}
              label={<FormattedMessage id="account.company.contactPhone" />}
              type="tel"
              value={c.phone ?? ''}
              onChange={(phone) => setRow('contacts', i, { phone })}
              error={error}
            />
            {v.contacts.length > 1 ? (
              <button
                type="button"
                className="secondary"
                aria-label={intl.formatMessage({ id: 'account.company.removeContact' }, { n: i + 1 })}
                onClick={() => set({ contacts: v.contacts.filter((_, j) => j !== i) })}
              >
                <FormattedMessage id="account.company.remove" />
              </button>
            ) : null}
          </div>
        ))}
        <FieldMessage name="contacts" error={error} />
        <div className="actions">
          <button
            type="button"
            className="secondary"
            onClick={() => set({ contacts: [...v.contacts, { name: '', email: '', phone: '' }] })}
          >
            <FormattedMessage id="account.company.addContact" />
          </button>
        </div>
      </fieldset>
      {taken ? (
        <div className="problem" role="alert" data-code="CONFLICT">
          <p>
            <FormattedMessage id="account.company.enterpriseCodeTaken" />
          </p>
        </div>
      ) : (
        <ProblemAlert error={error} />
      )}
      <div className="actions">
        <button type="submit" disabled={pending}>
          <FormattedMessage id={register ? 'account.register.submit' : 'account.profile.save'} />
        </button>
      </div>
    </form>
  );
}
