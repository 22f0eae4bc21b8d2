// A little real state for the fuzzer, so path parameters sometimes name things that exist: an
// organisation with two published tenders (lots included), a registered contractor with a
// question on one of them; tokens for each role; and real cursors taken from real pages.
import type { Role } from '../../../shared/auth/roles.ts';
import type { TestCloud } from '../../support/local-cloud.ts';
import { procuringEntity, publishedTender, registeredContractor } from '../../tenders/fixtures.ts';

export interface FuzzState {
  /** Real ids by path parameter name. */
  readonly ids: Record<string, string[]>;
  /** Bearer tokens by caller; `undefined` is the anonymous caller. */
  readonly tokens: Record<string, string | undefined>;
  /** Cursors real list pages returned. */
  readonly cursors: string[];
}

export async function seedFuzzState(cloud: TestCloud): Promise<FuzzState> {
  const entity = await procuringEntity(cloud);
  const first = await publishedTender(cloud, entity);
  const second = await publishedTender(cloud, entity);
  const contractor = await registeredContractor(cloud);
  const question = await cloud.call('POST', `/tenders/${first.tenderId}/questions`, {
    token: contractor.token,
    body: { question: 'Có cho phép nhà thầu phụ không?' },
  });
  const token = (sub: string, role: Role, organisationId?: string) => cloud.token(sub, role, organisationId);
  const tokens: Record<string, string | undefined> = {
    anonymous: undefined,
    admin: await token('fuzz-admin', 'admin'),
    auditor: await token('fuzz-auditor', 'auditor'),
    procuringEntity: entity.token,
    otherProcuringEntity: await token('fuzz-pe-other', 'procuring-entity', 'NO-SUCH-ORG'),
    contractor: contractor.token,
    unregisteredContractor: await token('fuzz-contractor-new', 'contractor'),
    expired: `${entity.token.slice(0, -8)}AAAAAAAA`,
  };
  const cursors: string[] = [];
  for (const [path, bearer] of [
    ['/tenders?limit=1', undefined],
    ['/entity/tenders?limit=1', entity.token],
    ['/organisations?limit=1', undefined],
    ['/contractors?limit=1', undefined],
    ['/ocds/releases?limit=1', undefined],
  ] as const) {
    const page = await cloud.call('GET', path, bearer ? { token: bearer } : {});
    const cursor = page.body?.nextCursor ?? page.body?.links?.next?.match(/cursor=([^&]+)/)?.[1];
    if (typeof cursor === 'string') cursors.push(decodeURIComponent(cursor));
  }
  return {
    ids: {
      tenderId: [first.tenderId, second.tenderId],
      lotId: [...first.lots, ...second.lots].map((l: { lotId: string }) => l.lotId),
      organisationId: [entity.organisationId],
      contractorId: [contractor.contractorId],
      questionId: question.status === 201 ? [question.body.questionId] : [],
      revision: ['0', '1'],
    },
    tokens,
    cursors,
  };
}
