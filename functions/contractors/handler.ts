import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { actorOf } from '../../shared/audit/actor.ts';
import { resources } from '../../shared/config/settings.ts';
import { writeWithAudit } from '../../shared/db/audited-write.ts';
import { db } from '../../shared/db/client.ts';
import { storedKeySchema } from '../../shared/db/key-schema.ts';
import { conditionFailure, onConditionFailure } from '../../shared/db/write-conflicts.ts';
import { contractorEntity } from '../../shared/entities/parties.ts';
import { cursorsOf } from '../../shared/http/cursor.ts';
import { etag } from '../../shared/http/etag.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import {
  conflict,
  forbidden,
  invalidField,
  notFound,
  preconditionFailed,
} from '../../shared/http/problem.ts';
import { contractorLifecycle, signingKeyLifecycle } from '../../shared/lifecycle/record-tables.ts';
import { stateUpdate } from '../../shared/lifecycle/state-update.ts';
import type { Contractor } from '../../shared/parties/contractor-schemas.ts';
import {
  type ContractorRecord,
  contractorIdOfOwner,
  contractorKey,
  enterpriseClaimKey,
  getContractor,
  ownerClaimKey,
  toContractor,
} from '../../shared/parties/contractor-store.ts';
import { eligibilityOf } from '../../shared/parties/eligibility.ts';
import {
  getSigningKey,
  listSigningKeys,
  newSigningKey,
  signingKeyKey,
} from '../../shared/parties/signing-key-store.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { ulid } from '../../shared/runtime/ids.ts';
import { contractorRoutes } from './contract.ts';

const table = () => resources.table('parties');

const publicView = (c: Contractor) => ({
  contractorId: c.contractorId,
  name: c.name,
  enterpriseCode: c.enterpriseCode,
  status: c.status,
  statusReason: c.statusReason,
  statusUntil: c.statusUntil,
  province: c.address.province,
});

async function mustGet(contractorId: string): Promise<ContractorRecord> {
  const record = await getContractor(contractorId);
  if (!record) throw notFound(`no contractor ${contractorId}`);
  return record;
}

async function mustOwn(contractorId: string, sub: string, doing: string): Promise<ContractorRecord> {
  const record = await mustGet(contractorId);
  if (record.ownerSub !== sub) throw forbidden(`only the contractor itself may ${doing}`);
  return record;
}

/** Replaces the profile if and only if it is still at `expectedVersion`, with its audit event. */
async function saveVersion(
  next: ContractorRecord,
  expectedVersion: number,
  event: Parameters<typeof writeWithAudit>[1],
): Promise<void> {
  try {
    await writeWithAudit(
      [
        {
          Put: {
            TableName: table(),
            Item: {
              ...contractorKey(next.contractorId),
              ...contractorEntity.indexKey('all', next),
              ...next,
            },
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': expectedVersion },
          },
        },
      ],
      event,
      next.updatedAt,
    );
  } catch (error) {
    const current = conditionFailure(error) ? (await mustGet(next.contractorId)).version : undefined;
    onConditionFailure(error, () =>
      preconditionFailed('the contractor was changed by someone else: read it again', current),
    );
  }
}

/** The contractor lifecycle's transition for each status an admin may set. */
const statusTransitions = { active: 'reinstate', suspended: 'suspend', debarred: 'debar' } as const;

export const handler = httpHandler(contractorRoutes, {
  async registerContractor({ body, principal, role }) {
    const now = clock.iso();
    const contractor: ContractorRecord = {
      contractorId: ulid(),
      ...body,
      status: contractorLifecycle.next('register', undefined),
      createdAt: now,
      updatedAt: now,
      version: 1,
      ownerSub: principal.sub,
    };
    try {
      await writeWithAudit(
        [
          {
            Put: {
              TableName: table(),
              Item: {
                ...contractorKey(contractor.contractorId),
                ...contractorEntity.indexKey('all', contractor),
                ...contractor,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: table(),
              Item: {
                ...enterpriseClaimKey(contractor.enterpriseCode),
                contractorId: contractor.contractorId,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: table(),
              Item: { ...ownerClaimKey(principal.sub), contractorId: contractor.contractorId },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
        {
          actor: actorOf(principal, role),
          action: 'contractor.registered',
          object: { type: 'contractor', id: contractor.contractorId },
          change: toContractor(contractor),
        },
        now,
      );
    } catch (error) {
      const existing =
        conditionFailure(error)?.index === 2 ? await contractorIdOfOwner(principal.sub) : undefined;
      onConditionFailure(error, ({ index }) => {
        if (index === 1) {
          return conflict(`enterprise code ${contractor.enterpriseCode} is already registered`, {
            errors: [{ field: 'body.enterpriseCode', message: 'is already registered' }],
          });
        }
        if (index === 2)
          return conflict('this account already registered a contractor', { contractorId: existing });
        return undefined;
      });
    }
    return {
      body: toContractor(contractor),
      headers: { etag: etag(contractor.version), location: `/contractors/${contractor.contractorId}` },
    };
  },

  async myContractor({ principal }) {
    const contractorId = await contractorIdOfOwner(principal.sub);
    if (!contractorId) throw notFound('this account has not registered a contractor');
    const record = await mustGet(contractorId);
    return { body: toContractor(record), headers: { etag: etag(record.version) } };
  },

  async listContractors(request) {
    const { query } = request;
    const cursors = cursorsOf(request);
    const page = await db.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'byOwner',
        KeyConditionExpression: 'gsi1pk = :kind',
        ...(query.status
          ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
          : {}),
        ExpressionAttributeValues: {
          ':kind': contractorEntity.indexPk('all', {}),
          ...(query.status ? { ':status': query.status } : {}),
        },
        Limit: query.limit,
        ExclusiveStartKey: await cursors.read(storedKeySchema('parties', 'byOwner')),
      }),
    );
    return {
      body: {
        items: (page.Items ?? []).map((item) => publicView(item as Contractor)),
        nextCursor: await cursors.issue(page.LastEvaluatedKey as Record<string, string> | undefined),
      },
    };
  },

  async getContractor({ params, principal, role }) {
    const record = await mustGet(params.contractorId);
    const full = role === 'admin' || role === 'auditor' || record.ownerSub === principal.sub;
    return {
      body: full ? toContractor(record) : publicView(record),
      headers: { etag: etag(record.version) },
    };
  },

  async updateContractor({ params, body, principal, role, ifMatch }) {
    const current = await mustOwn(params.contractorId, principal.sub, 'change its profile');
    if (current.version !== ifMatch)
      throw preconditionFailed('the contractor was changed since you read it', current.version);
    const next: ContractorRecord = {
      ...current,
      ...body,
      updatedAt: clock.iso(),
      version: current.version + 1,
    };
    await saveVersion(next, current.version, {
      actor: actorOf(principal, role),
      action: 'contractor.updated',
      object: { type: 'contractor', id: current.contractorId },
      change: body,
    });
    return { body: toContractor(next), headers: { etag: etag(next.version) } };
  },

  async setContractorStatus({ params, body, principal, role, ifMatch }) {
    const current = await mustGet(params.contractorId);
    if (current.version !== ifMatch)
      throw preconditionFailed('the contractor was changed since you read it', current.version);
    const { statusReason: _r, statusUntil: _u, ...rest } = current;
    const next: ContractorRecord = {
      ...rest,
      status: contractorLifecycle.next(statusTransitions[body.status], current.status, 'set the status of'),
      ...(body.reason ? { statusReason: body.reason } : {}),
      ...(body.until ? { statusUntil: body.until } : {}),
      updatedAt: clock.iso(),
      version: current.version + 1,
    };
    await saveVersion(next, current.version, {
      actor: actorOf(principal, role),
      action: `contractor.status.${body.status}`,
      object: { type: 'contractor', id: current.contractorId },
      change: body,
    });
    return { body: toContractor(next), headers: { etag: etag(next.version) } };
  },

  async addSigningKey({ params, body, principal, role }) {
    const contractor = await mustOwn(params.contractorId, principal.sub, 'add its signing keys');
    const key = await newSigningKey(contractor.contractorId, body, clock.iso());
    if (!key) throw invalidField('body.publicKeyJwk', 'is not a point on the P-256 curve');
    try {
      await writeWithAudit(
        [
          {
            Put: {
              TableName: table(),
              Item: { ...signingKeyKey(key.contractorId, key.keyId), ...key },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
        {
          actor: actorOf(principal, role),
          action: 'contractor.signing-key.added',
          object: { type: 'contractor', id: key.contractorId },
          change: key,
        },
        key.addedAt,
      );
    } catch (error) {
      onConditionFailure(error, () =>
        conflict('this key is already registered (retired keys cannot come back)', { keyId: key.keyId }),
      );
    }
    return {
      body: key,
      headers: { location: `/contractors/${key.contractorId}/signing-keys/${key.keyId}` },
    };
  },

  async listSigningKeys({ params }) {
    const contractor = await mustGet(params.contractorId);
    return { body: { items: await listSigningKeys(contractor.contractorId) } };
  },

  async retireSigningKey({ params, principal, role }) {
    await mustOwn(params.contractorId, principal.sub, 'retire its signing keys');
    const key = await getSigningKey(params.contractorId, params.keyId);
    if (!key) throw notFound(`contractor ${params.contractorId} has no signing key ${params.keyId}`);
    if (key.status === 'retired') throw conflict(`key ${key.keyId} was retired at ${key.retiredAt}`);
    signingKeyLifecycle.require('retire', key.status);
    const retiredAt = clock.iso();
    try {
      await writeWithAudit(
        [
          {
            Update: {
              TableName: table(),
              Key: signingKeyKey(key.contractorId, key.keyId),
              ...stateUpdate(signingKeyLifecycle, 'retire', key.status, { retiredAt }),
            },
          },
        ],
        {
          actor: actorOf(principal, role),
          action: 'contractor.signing-key.retired',
          object: { type: 'contractor', id: key.contractorId },
          change: { keyId: key.keyId, retiredAt },
        },
        retiredAt,
      );
    } catch (error) {
      onConditionFailure(error, () => conflict(`key ${key.keyId} was retired meanwhile`));
    }
    return { body: { ...key, status: signingKeyLifecycle.next('retire', key.status), retiredAt } };
  },

  async contractorEligibility({ params }) {
    return { body: eligibilityOf(await mustGet(params.contractorId), clock.now()) };
  },
});
