// The workspace's messages on top of the first bundle's: a nested IntlProvider with the same
// locale, zone and formats, and the messages of the parts loaded on demand (catalogues.ts).
import type { ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { Outlet, useParams } from 'react-router';
import { isLocale, type Locale } from './locale';

export function PartMessages({
  messages,
  children,
}: {
  messages: Record<Locale, Record<string, string>>;
  children: ReactNode;
}) {
  const intl = useIntl();
  const { lang } = useParams();
  const locale: Locale = isLocale(lang) ? lang : 'vi';
  return (
    <IntlProvider
      locale={intl.locale}
      defaultLocale={intl.defaultLocale}
      timeZone={intl.timeZone}
      messages={{ ...intl.messages, ...messages[locale] } as Record<string, string>}
    >
      {children}
    </IntlProvider>
  );
}

let workspaceMessages: Record<Locale, Record<string, string>> | undefined;

/** Loads the workspace's messages; the route's `lazy` awaits it before rendering WorkspaceFrame. */
export async function prepareWorkspaceMessages(): Promise<void> {
  const { loadWorkspaceMessages } = await import('./catalogues');
  workspaceMessages ??= await loadWorkspaceMessages();
}

/** The workspace routes' parent: their pages with the workspace's messages. */
export function WorkspaceFrame() {
  return (
    <PartMessages messages={workspaceMessages ?? { vi: {}, en: {} }}>
      <Outlet />
    </PartMessages>
  );
}
