// Validates our OCDS exports against the official OCDS 1.1.5 JSON Schemas (draft 4), copied into
// test/ocds/schemas with their licences, with the bids extension applied the way OCDS tooling
// applies extensions: its release-schema.json is a JSON Merge Patch (RFC 7386) on the release schema.
import { readFileSync } from 'node:fs';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

// CommonJS modules whose module.exports (the ESM default) also carries itself as `.default`, which
// is how TypeScript (nodenext) types them.
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;

const schemasDir = new URL('./schemas/', import.meta.url);
export const readSchema = (path: string) =>
  JSON.parse(readFileSync(new URL(path, schemasDir), 'utf8')) as Record<string, any>;

/** RFC 7386: objects merge member by member, null deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

export const coreReleaseSchema = readSchema('1.1.5/release-schema.json');
export const bidsExtensionPatch = readSchema('extensions/bids/release-schema.json');
export const releaseSchema = mergePatch(coreReleaseSchema, bidsExtensionPatch) as Record<string, any>;

function compile() {
  // OCDS schemas carry their own keywords (codelist, openCodelist, deprecated, omitWhenMerged,
  // wholeListMerge...): not strict, so they are ignored as annotations.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // The package schemas $ref the release schema by its id: the patched one answers to that id.
  ajv.addSchema(releaseSchema);
  // Records may carry a versionedRelease, whose schema was not vendored: we publish none, and this
  // stand-in fails any record that would.
  ajv.addSchema({
    id: 'https://standard.open-contracting.org/schema/1__1__5/versioned-release-validation-schema.json',
    not: {},
  });
  return {
    ajv,
    release: ajv.compile(releaseSchema.id ? { $ref: releaseSchema.id } : releaseSchema),
    releasePackage: ajv.compile(readSchema('1.1.5/release-package-schema.json')),
    recordPackage: ajv.compile(readSchema('1.1.5/record-package-schema.json')),
  };
}

const compiled = compile();

export interface Verdict {
  readonly valid: boolean;
  readonly errors: string;
}

const verdict = (validate: (data: unknown) => boolean | Promise<unknown>, data: unknown): Verdict => {
  const valid = validate(data) as boolean;
  const errors = (validate as unknown as { errors?: Parameters<typeof compiled.ajv.errorsText>[0] }).errors;
  return { valid, errors: valid ? '' : compiled.ajv.errorsText(errors, { separator: '\n' }) };
};

export const validateRelease = (data: unknown) => verdict(compiled.release, data);
export const validateReleasePackage = (data: unknown) => verdict(compiled.releasePackage, data);
export const validateRecordPackage = (data: unknown) => verdict(compiled.recordPackage, data);
