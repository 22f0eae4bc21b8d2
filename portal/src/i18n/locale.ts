// The portal's two languages: the first path segment names one (/vi/…, /en/…), so every page has
// a stable URL per language and the switch only swaps that segment.
import { messagesEn, messagesVi } from './catalogues';

export const locales = ['vi', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'vi';

export const catalogues: Record<Locale, Record<string, string>> = { vi: messagesVi, en: messagesEn };

/** The BCP 47 tag react-intl formats with. */
export const intlLocale: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

export const isLocale = (value: string | undefined): value is Locale =>
  (locales as readonly string[]).includes(value ?? '');

/** The same page in another language: path and query kept, only the language segment swapped. */
export function switchLocalePath(pathname: string, search: string, to: Locale): string {
  const rest = pathname.replace(/^\/[^/]*/, '');
  return `/${to}${rest || '/'}${search}`;
}
