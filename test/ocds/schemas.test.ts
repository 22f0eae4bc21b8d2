// The vendored OCDS schemas are the official files, unchanged (their SHA-256s were taken when they
// were copied from the OCDS 1.1.5 release and the bids extension), and the extension patch lands.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coreReleaseSchema, releaseSchema } from './validator.ts';

const dir = new URL('./schemas/', import.meta.url);

describe('vendored OCDS schemas', () => {
  const sums = readFileSync(new URL('SHA256SUMS', dir), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(/\s+/) as [string, string]);

  it.each(sums.map(([sum, path]) => [path, sum]))('%s is byte for byte the copied file', (path, sum) => {
    const digest = createHash('sha256')
      .update(readFileSync(new URL(path, dir)))
      .digest('hex');
    expect(digest).toBe(sum);
  });

  it('lists the three 1.1.5 schemas, the bids extension and both licences', () => {
    expect(sums.map(([, path]) => path).sort()).toEqual([
      '1.1.5/LICENSE',
      '1.1.5/record-package-schema.json',
      '1.1.5/release-package-schema.json',
      '1.1.5/release-schema.json',
      'extensions/bids/LICENSE',
      'extensions/bids/extension.json',
      'extensions/bids/release-schema.json',
    ]);
  });

  it('applies the bids extension as a merge patch without touching the core schema object', () => {
    expect(coreReleaseSchema.properties.bids).toBeUndefined();
    expect(releaseSchema.properties.bids.properties.statistics.items.$ref).toBe('#/definitions/Statistic');
    expect(Object.keys(releaseSchema.definitions.Award.properties)).toEqual(
      expect.arrayContaining(['id', 'suppliers', 'relatedBids']),
    );
    expect(releaseSchema.id).toBe(coreReleaseSchema.id);
  });
});
