import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { settings } from '../../shared/config/settings.ts';
import { storedKeySchema } from '../../shared/db/key-schema.ts';
import { cursorsOf } from '../../shared/http/cursor.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { notFound } from '../../shared/http/problem.ts';
import { loadOcdsSource, queryPublishedTenders, statusPartitions } from '../../shared/ocds/ocds-store.ts';
import { recordPackage, releasePackage } from '../../shared/ocds/packages.ts';
import { buildReleases } from '../../shared/ocds/releases.ts';
import { mapLimit } from '../../shared/platform/concurrency.ts';
import { decodePosition, encodePosition, fillPage } from '../../shared/platform/paged-query.ts';
import { clock } from '../../shared/runtime/clock.ts';
import type { Tender } from '../../shared/tenders/tender-schemas.ts';
import { getTender, isPublic } from '../../shared/tenders/tender-store.ts';
import { ocdsRoutes } from './contract.ts';
import { publicBaseUrl } from './public-url.ts';

/** Drafts do not exist for the public: same answer as an unknown id. */
async function publicTender(tenderId: string): Promise<Tender> {
  const tender = await getTender(tenderId);
  if (!tender || !isPublic(tender)) throw notFound(`no published tender ${tenderId}`);
  return tender;
}

async function releasesOf(tender: Tender, baseUrl: string) {
  return buildReleases(await loadOcdsSource(tender), { prefix: settings.OCDS_PREFIX, baseUrl });
}

const tenderPackageUri = (event: APIGatewayProxyEventV2, tenderId: string) =>
  `${publicBaseUrl(event)}/ocds/tenders/${tenderId}/releases`;

export const handler = httpHandler(ocdsRoutes, {
  async listOcdsReleases(request) {
    const { query, event } = request;
    const baseUrl = publicBaseUrl(event);
    const since = query.since;
    const cursors = cursorsOf(request);
    const { items: tenders, next } = await fillPage(
      query.limit,
      await decodePosition(cursors, storedKeySchema('tenders', 'byStatus'), statusPartitions),
      statusPartitions,
      (part, limit, startKey) => queryPublishedTenders(part, limit, startKey, since),
    );
    // Each tender is a few reads; a handful at a time keeps a page well inside the API timeout.
    const perTender = await mapLimit(tenders, 5, (tender) => releasesOf(tender, baseUrl));
    const releases = perTender
      .flat()
      .filter((r) => since === undefined || Date.parse(r.date) >= Date.parse(since));
    const cursor = await encodePosition(cursors, next);
    const path = `${baseUrl}/ocds/releases`;
    const search = (extra: Record<string, string>) => {
      const params = new URLSearchParams({
        ...(since ? { since } : {}),
        limit: String(query.limit),
        ...extra,
      });
      return `${path}?${params}`;
    };
    return {
      body: releasePackage(
        { uri: search(query.cursor ? { cursor: query.cursor } : {}), publisherName: settings.PUBLISHER_NAME },
        releases,
        clock.iso(),
        cursor ? { url: search({ cursor }), cursor } : undefined,
      ),
    };
  },

  async getOcdsTenderReleases({ params, event }) {
    const tender = await publicTender(params.tenderId);
    const releases = await releasesOf(tender, publicBaseUrl(event));
    return {
      body: releasePackage(
        { uri: tenderPackageUri(event, tender.tenderId), publisherName: settings.PUBLISHER_NAME },
        releases,
        tender.updatedAt,
      ),
    };
  },

  async getOcdsTenderRecord({ params, event }) {
    const tender = await publicTender(params.tenderId);
    const releases = await releasesOf(tender, publicBaseUrl(event));
    if (releases.length === 0) throw new Error(`published tender ${tender.tenderId} has no stored revision`);
    return {
      body: recordPackage(
        {
          uri: `${publicBaseUrl(event)}/ocds/tenders/${tender.tenderId}/record`,
          publisherName: settings.PUBLISHER_NAME,
          releasePackageUri: tenderPackageUri(event, tender.tenderId),
        },
        releases,
      ),
    };
  },
});
