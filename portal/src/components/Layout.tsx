// Every page's frame: a skip link, the header with the site's name, navigation and the language
// switch (same page, same query, other language), and the page's main region.
import { useEffect } from 'react';
import { FormattedMessage, IntlProvider, useIntl } from 'react-intl';
import { Link, NavLink, Outlet, useLocation, useParams } from 'react-router';
import { AccountLink } from '../auth/AccountLink';
import { useSession } from '../auth/session';
import {
  catalogues,
  defaultLocale,
  intlLocale,
  isLocale,
  type Locale,
  locales,
  switchLocalePath,
} from '../i18n/locale';
import { NotFound } from '../pages/NotFound';
import { timeZone } from './format';

function LanguageSwitch({ current }: { current: Locale }) {
  const { pathname, search } = useLocation();
  const intl = useIntl();
  return (
    <nav className="languages" aria-label={intl.formatMessage({ id: 'nav.languages' })}>
      <ul>
        {locales.map((locale) => (
          <li key={locale}>
            <Link
              to={switchLocalePath(pathname, search, locale)}
              hrefLang={locale}
              lang={locale}
              aria-current={locale === current ? 'true' : undefined}
            >
              <FormattedMessage id={`language.${locale}`} />
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Frame({ locale, unknown }: { locale: Locale; unknown: boolean }) {
  const intl = useIntl();
  const session = useSession();
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = intl.formatMessage({ id: 'site.title' });
  }, [locale, intl]);
  return (
    <>
      <a className="skip-link" href="#main">
        <FormattedMessage id="nav.skip" />
      </a>
      <header className="site-header">
        <Link to={`/${locale}/`} className="site-name">
          <FormattedMessage id="site.name" />
        </Link>
        <nav aria-label={intl.formatMessage({ id: 'nav.main' })}>
          <ul>
            <li>
              <NavLink to={`/${locale}/`} end>
                <FormattedMessage id="nav.tenders" />
              </NavLink>
            </li>
            <li>
              <NavLink to={`/${locale}/contractors`}>
                <FormattedMessage id="nav.contractors" />
              </NavLink>
            </li>
            <li>
              <NavLink to={`/${locale}/open-data`}>
                <FormattedMessage id="nav.openData" />
              </NavLink>
            </li>
            {session?.roles.includes('procuring-entity') ? (
              <li>
                <NavLink to={`/${locale}/workspace`}>
                  <FormattedMessage id="ws.nav" />
                </NavLink>
              </li>
            ) : null}
            {session?.roles.includes('contractor') ? (
              <li>
                <NavLink to={`/${locale}/contractor`}>
                  <FormattedMessage id="contractor.nav" />
                </NavLink>
              </li>
            ) : null}
            {session?.roles.some((role) => role === 'auditor' || role === 'admin') ? (
              <li>
                <NavLink to={`/${locale}/oversight`}>
                  <FormattedMessage id="oversight.nav" />
                </NavLink>
              </li>
            ) : null}
            {session ? (
              <li>
                <NavLink to={`/${locale}/workspace/notifications`}>
                  <FormattedMessage id="decisions.nav.notifications" />
                </NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <LanguageSwitch current={locale} />
        <AccountLink locale={locale} />
      </header>
      <main id="main" tabIndex={-1}>
        {unknown ? <NotFound /> : <Outlet />}
      </main>
      <footer className="site-footer">
        <p>
          <FormattedMessage id="site.footer" />
        </p>
      </footer>
    </>
  );
}

export function Layout() {
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : defaultLocale;
  return (
    <IntlProvider
      locale={intlLocale[locale]}
      messages={catalogues[locale]}
      defaultLocale={intlLocale[defaultLocale]}
      timeZone={timeZone}
    >
      <Frame locale={locale} unknown={!isLocale(lang)} />
    </IntlProvider>
  );
}
