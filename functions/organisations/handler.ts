import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { actorOf } from '../../shared/audit/actor.ts';
import { resources } from '../../shared/config/settings.ts';
import { writeWithAudit } from '../../shared/db/audited-write.ts';
import { db } from '../../shared/db/client.ts';
import { storedKeySchema } from '../../shared/db/key-schema.ts';
import { onConditionFailure } from '../../shared/db/write-conflicts.ts';
import { cursorsOf } from '../../shared/http/cursor.ts';
import { etag } from '../../shared/http/etag.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { conflict, notFound } from '../../shared/http/problem.ts';
import { descendantsOf, parentItemsForNew, setParent } from '../../shared/organisations/hierarchy.ts';
import type { Organisation } from '../../shared/organisations/organisation-schemas.ts';
import {
  getOrganisation,
  organisationCodeClaimKey,
  organisationIndexKey,
  organisationKey,
  organisationsPartition,
  toOrganisation,
} from '../../shared/organisations/organisation-store.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { ulid } from '../../shared/runtime/ids.ts';
import { organisationRoutes } from './contract.ts';

const table = () => resources.table('parties');

export const handler = httpHandler(organisationRoutes, {
  async createOrganisation({ body, principal, role }) {
    const now = clock.iso();
    const organisation: Organisation = {
      organisationId: ulid(),
      ...body,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    // Under a parent: its CHILD item, and its ancestors held to the chain walked (hierarchy.ts).
    const parentItems = body.parentId
      ? await parentItemsForNew(organisation.organisationId, body.parentId, 'body.parentId')
      : [];
    try {
      await writeWithAudit(
        [
          {
            Put: {
              TableName: table(),
              Item: {
                ...organisationKey(organisation.organisationId),
                ...organisationIndexKey(organisation.organisationId),
                ...organisation,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: table(),
              Item: {
                ...organisationCodeClaimKey(organisation.code),
                organisationId: organisation.organisationId,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...parentItems,
        ],
        {
          actor: actorOf(principal, role),
          action: 'organisation.created',
          object: { type: 'organisation', id: organisation.organisationId },
          change: organisation,
        },
        now,
      );
    } catch (error) {
      onConditionFailure(error, ({ index }) =>
        index === 1
          ? conflict(`organisation code ${organisation.code} is already registered`, {
              errors: [{ field: 'body.code', message: 'is already registered' }],
            })
          : undefined,
      );
    }
    return {
      body: organisation,
      headers: {
        etag: etag(organisation.version),
        location: `/organisations/${organisation.organisationId}`,
      },
    };
  },

  async listOrganisations(request) {
    const { query } = request;
    const cursors = cursorsOf(request);
    const page = await db.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'byOwner',
        KeyConditionExpression: 'gsi1pk = :kind',
        ExpressionAttributeValues: { ':kind': organisationsPartition() },
        Limit: query.limit,
        ExclusiveStartKey: await cursors.read(storedKeySchema('parties', 'byOwner')),
      }),
    );
    return {
      body: {
        items: (page.Items ?? []).map(toOrganisation),
        nextCursor: await cursors.issue(page.LastEvaluatedKey as Record<string, string> | undefined),
      },
    };
  },

  async setOrganisationParent({ params, body, principal, role, ifMatch }) {
    const current = await getOrganisation(params.organisationId);
    if (!current) throw notFound(`no organisation ${params.organisationId}`);
    const next = await setParent(current, body.parentId, ifMatch, actorOf(principal, role), clock.iso());
    return { body: next, headers: { etag: etag(next.version) } };
  },

  async listOrganisationDescendants({ params }) {
    const organisation = await getOrganisation(params.organisationId);
    if (!organisation) throw notFound(`no organisation ${params.organisationId}`);
    return {
      body: {
        organisationId: organisation.organisationId,
        items: await descendantsOf(organisation.organisationId),
      },
    };
  },

  async getOrganisation({ params }) {
    const organisation = await getOrganisation(params.organisationId);
    if (!organisation) throw notFound(`no organisation ${params.organisationId}`);
    return { body: organisation, headers: { etag: etag(organisation.version) } };
  },
});
