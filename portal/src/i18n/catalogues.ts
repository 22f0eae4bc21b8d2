// The message catalogues: one folder per part of the portal (public/, auth/, workspace/, …), each
// with vi.json and en.json. A key lives in exactly one folder (test/portal/catalogues.test.ts
// checks that no two folders define the same key). The parts every visitor needs (public, auth)
// are in the first bundle; the signed-in workspace's parts load with the workspace's pages
// (part-messages.tsx), so the public pages do not carry their text.
import type { Locale } from './locale';

// Only the public site's and sign-in's parts are eager; every other folder (workspace, decisions,
// contractor, bidding, oversight, verify, reports, …) loads on demand with the signed-in pages.
const eager = {
  vi: import.meta.glob<Record<string, string>>(['./public/vi.json', './auth/vi.json'], {
    eager: true,
    import: 'default',
  }),
  en: import.meta.glob<Record<string, string>>(['./public/en.json', './auth/en.json'], {
    eager: true,
    import: 'default',
  }),
};

/** The signed-in parts, fetched on first use. */
const onDemand = import.meta.glob<Record<string, string>>(['./*/*.json', '!./public/*', '!./auth/*'], {
  import: 'default',
});

const merge = (parts: Record<string, Record<string, string>>) => Object.assign({}, ...Object.values(parts));

export const messagesVi: Record<string, string> = merge(eager.vi);
export const messagesEn: Record<string, string> = merge(eager.en);

/** Both languages' messages of the workspace parts (a language switch needs no new fetch). */
export async function loadWorkspaceMessages(): Promise<Record<Locale, Record<string, string>>> {
  const loaded = await Promise.all(
    Object.entries(onDemand).map(async ([path, load]) => [path, await load()] as const),
  );
  const of = (locale: Locale) =>
    Object.assign({}, ...loaded.filter(([path]) => path.endsWith(`/${locale}.json`)).map(([, m]) => m));
  return { vi: of('vi'), en: of('en') };
}
