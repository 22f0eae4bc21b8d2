// A form field of the workspace: its label, hint and the server's refusal of it beside it. A
// refusal naming a procedure rule reads the rule's own message (ws.rule.<rule>, with its limit and
// the value given); otherwise the field's code, else the generic "invalid" message. Never the
// server's English.
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { fieldError, fieldMessageId, problemOf } from '../components/problems';

export const hintId = (name: string) => `hint-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** Props for the input named `name`: its hint and, after a refusal, its message. */
export function inputProps(error: unknown, name: string, hasHint = false) {
  const refused = fieldError(error, name);
  const described = [hasHint ? hintId(name) : '', refused ? fieldMessageId(name) : '']
    .filter(Boolean)
    .join(' ');
  return {
    id: `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`,
    name,
    ...(refused ? { 'aria-invalid': true as const } : {}),
    ...(described ? { 'aria-describedby': described } : {}),
  };
}

export function RefusalMessage({ error, name }: { error: unknown; name: string }) {
  const intl = useIntl();
  const refused = fieldError(error, name);
  if (!refused) return null;
  const limit = Array.isArray(refused.limit) ? refused.limit.join(', ') : refused.limit;
  const rule = refused.rule && intl.messages[`ws.rule.${refused.rule}`] ? refused.rule : undefined;
  const code = refused.code && intl.messages[`problem.${refused.code}`] ? refused.code : undefined;
  return (
    <p
      className="field-error"
      id={fieldMessageId(name)}
      data-code={refused.code ?? problemOf(error)?.code}
      data-rule={refused.rule}
    >
      {rule ? (
        <FormattedMessage
          id={`ws.rule.${rule}`}
          values={{ limit: String(limit ?? ''), value: String(refused.value ?? '') }}
        />
      ) : code && code !== 'PROCEDURE_RULE_BROKEN' ? (
        <FormattedMessage id={`problem.${code}`} />
      ) : (
        <FormattedMessage id="field.invalid" />
      )}
    </p>
  );
}

export function Field({
  name,
  label,
  hint,
  error,
  children,
  htmlFor,
}: {
  htmlFor?: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error: unknown;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={htmlFor ?? inputProps(error, name).id}>{label}</label>
      {children}
      {hint ? (
        <p className="hint" id={hintId(name)}>
          {hint}
        </p>
      ) : null}
      <RefusalMessage error={error} name={name} />
    </div>
  );
}
