// What Cognito e-mails in AWS (an invitation with its temporary password, a sign-up code), the
// local cloud prints to the log as one JSON line and appends to LOCAL_MAILBOX (a JSON-lines file
// the local cloud names; tests read it as a user reads their inbox). Only in the local stage:
// settings.ts refuses LOCAL_MAILBOX elsewhere.
import { appendFileSync } from 'node:fs';

export interface LocalMail {
  readonly kind: 'invitation' | 'sign-up-code';
  readonly email: string;
  readonly role?: string;
  readonly temporaryPassword?: string;
  readonly code?: string;
  readonly at: string;
}

export function deliverLocally(mailbox: string, mail: LocalMail): void {
  const line = JSON.stringify({
    level: 'INFO',
    message: `local mail: ${mail.kind}`,
    service: 'cognito',
    ...mail,
  });
  process.stderr.write(`${line}\n`);
  appendFileSync(mailbox, `${JSON.stringify(mail)}\n`, { mode: 0o600 });
}
