// Release and record packages: the envelopes OCDS data is published in.
import { compileReleases } from './merge.ts';
import { OCDS_VERSION, type RecordPackage, type Release, type ReleasePackage } from './ocds-schemas.ts';

/**
 * The extensions our releases use, as the extension registry publishes them (extension.json of the
 * 1.1.5-compatible release). Bids: `bids.statistics`, `bids.details`, `awards[].relatedBids`.
 * Lots: `tender.lots`, `awards[].relatedLots`.
 */
export const OCDS_EXTENSIONS = [
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json',
] as const;

export interface PackageMeta {
  /** The package's own absolute URL. */
  readonly uri: string;
  readonly publisherName: string;
}

/**
 * Packages are built on demand, so their date is that of the newest release in them (OCDS: the
 * date of the last change to the contents), and `fallback` only when there is none.
 */
export function publishedDateOf(releases: readonly Release[], fallback: string): string {
  let latest: string | undefined;
  for (const r of releases)
    if (latest === undefined || Date.parse(r.date) > Date.parse(latest)) latest = r.date;
  return latest ?? fallback;
}

export function releasePackage(
  meta: PackageMeta,
  releases: readonly Release[],
  fallbackDate: string,
  next?: { url: string; cursor: string },
): ReleasePackage {
  return {
    uri: meta.uri,
    version: OCDS_VERSION,
    extensions: [...OCDS_EXTENSIONS],
    publishedDate: publishedDateOf(releases, fallbackDate),
    publisher: { name: meta.publisherName },
    releases: [...releases],
    ...(next ? { links: { next: next.url }, nextCursor: next.cursor } : {}),
  };
}

/**
 * One record: releases linked (by `<release package URL>#<release id>`, the form the standard
 * gives) and the compiled release.
 */
export function recordPackage(
  meta: PackageMeta & { readonly releasePackageUri: string },
  releases: readonly Release[],
): RecordPackage {
  const ordered = [...releases].sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const first = ordered[0];
  if (!first) throw new Error('a record needs at least one release');
  return {
    uri: meta.uri,
    version: OCDS_VERSION,
    extensions: [...OCDS_EXTENSIONS],
    publishedDate: publishedDateOf(ordered, first.date),
    publisher: { name: meta.publisherName },
    packages: [meta.releasePackageUri],
    records: [
      {
        ocid: first.ocid,
        releases: ordered.map((r) => ({
          url: `${meta.releasePackageUri}#${r.id}`,
          date: r.date,
          tag: r.tag,
        })),
        compiledRelease: compileReleases(ordered),
      },
    ],
  };
}
