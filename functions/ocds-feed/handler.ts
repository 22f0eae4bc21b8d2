import { settings } from '../../shared/config/settings.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { readChangeFeed } from '../../shared/ocds-feed/change-feed.ts';
import { publicBaseUrl } from '../ocds/public-url.ts';
import { ocdsFeedRoutes } from './contract.ts';

export const handler = httpHandler(ocdsFeedRoutes, {
  async listOcdsChanges({ query, event }) {
    const baseUrl = publicBaseUrl(event);
    const page = await readChangeFeed({
      prefix: settings.OCDS_PREFIX,
      baseUrl,
      limit: query.limit,
      ...(query.after !== undefined ? { after: query.after } : {}),
    });
    const next =
      page.cursor !== undefined
        ? `${baseUrl}/ocds/changes?${new URLSearchParams({ after: String(page.cursor), limit: String(query.limit) })}`
        : undefined;
    return {
      body: {
        items: page.items,
        ...(page.cursor !== undefined ? { cursor: page.cursor } : {}),
        caughtUp: page.caughtUp,
        ...(next ? { links: { next } } : {}),
      },
    };
  },
});
