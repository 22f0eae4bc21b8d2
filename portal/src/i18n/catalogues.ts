// The message catalogues: one folder per part of the portal (public/, auth/, workspace/, …), each
// with vi.json and en.json, merged into one catalogue per language. A key lives in exactly one
// folder (test/portal/catalogues.test.ts checks that no two folders define the same key).
const vi = import.meta.glob<Record<string, string>>('./*/vi.json', { eager: true, import: 'default' });
const en = import.meta.glob<Record<string, string>>('./*/en.json', { eager: true, import: 'default' });

const merge = (parts: Record<string, Record<string, string>>) => Object.assign({}, ...Object.values(parts));

export const messagesVi: Record<string, string> = merge(vi);
export const messagesEn: Record<string, string> = merge(en);
