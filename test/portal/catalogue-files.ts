// The portal's catalogues as the tests read them: every portal/src/i18n/<part>/<locale>.json,
// merged per language (portal/src/i18n/catalogues.ts does the same with import.meta.glob), and
// the keys that more than one part defines.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const i18nDir = join(import.meta.dirname, '..', '..', 'portal', 'src', 'i18n');

function read(locale: 'vi' | 'en'): { messages: Record<string, string>; duplicates: string[] } {
  const messages: Record<string, string> = {};
  const duplicates: string[] = [];
  for (const part of readdirSync(i18nDir)) {
    const file = join(i18nDir, part, `${locale}.json`);
    if (!statSync(join(i18nDir, part)).isDirectory()) continue;
    let parsed: Record<string, string>;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      continue;
    }
    for (const [key, value] of Object.entries(parsed)) {
      if (key in messages) duplicates.push(`${part}/${locale}.json: ${key}`);
      messages[key] = value;
    }
  }
  return { messages, duplicates };
}

export const viCatalogue = read('vi');
export const enCatalogue = read('en');
export const vi = viCatalogue.messages;
export const en = enCatalogue.messages;
