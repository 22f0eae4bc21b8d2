import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../../shared/config/settings.ts';
import { db } from '../../shared/db/client.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { notFound } from '../../shared/http/problem.ts';
import { followerKey, inboxPk, organisationRecipient } from '../../shared/notifications/outbox.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { getTender, isPublic } from '../../shared/tenders/tender-store.ts';
import { notificationRoutes } from './contract.ts';

const table = () => resources.table('notifications');

async function inbox(recipient: string, limit: number) {
  const page = await db.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': inboxPk(recipient) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (page.Items ?? []).map((i) => ({
    eventId: String(i.eventId),
    type: String(i.type),
    tenderId: String(i.tenderId),
    title: String(i.title),
    at: String(i.at),
    message: String(i.message),
  }));
}

async function publicTender(tenderId: string) {
  const tender = await getTender(tenderId);
  if (!tender || !isPublic(tender)) throw notFound(`no published tender ${tenderId}`);
  return tender;
}

export const handler = httpHandler(notificationRoutes, {
  async listMyNotifications({ query, principal, role }) {
    const sources = [principal.sub];
    if (role === 'procuring-entity' && principal.organisationId) {
      sources.push(organisationRecipient(principal.organisationId));
    }
    const lists = await Promise.all(sources.map((s) => inbox(s, query.limit)));
    const items = lists
      .flat()
      .sort((a, b) => (a.eventId < b.eventId ? 1 : a.eventId > b.eventId ? -1 : 0))
      .slice(0, query.limit);
    return { body: { items } };
  },

  async followTender({ params, principal }) {
    await publicTender(params.tenderId);
    await db.send(
      new PutCommand({
        TableName: table(),
        Item: { ...followerKey(params.tenderId, principal.sub), kind: 'follower', since: clock.iso() },
      }),
    );
    return { body: { tenderId: params.tenderId, following: true } };
  },

  async unfollowTender({ params, principal }) {
    await db.send(
      new DeleteCommand({ TableName: table(), Key: followerKey(params.tenderId, principal.sub) }),
    );
    return { body: { tenderId: params.tenderId, following: false } };
  },
});
