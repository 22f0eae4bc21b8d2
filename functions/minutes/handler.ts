import { listAwards } from '../../shared/awards/award-store.ts';
import { getEvaluation } from '../../shared/awards/evaluation-store.ts';
import { resources } from '../../shared/config/settings.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { notFound } from '../../shared/http/problem.ts';
import { listMinutesRecords, readMinutesObject } from '../../shared/opening/minutes-store.ts';
import { readStoredText, storedObjectMissing } from '../../shared/storage/stored-object.ts';
import { getTender, isPublic } from '../../shared/tenders/tender-store.ts';
import { minutesRoutes } from './contract.ts';

async function publicTender(tenderId: string) {
  const tender = await getTender(tenderId);
  if (!tender || !isPublic(tender)) throw notFound(`no published tender ${tenderId}`);
  return tender;
}

const phaseOrder = { single: 0, technical: 1, financial: 2 } as const;

export const handler = httpHandler(minutesRoutes, {
  async getMinutes({ params }) {
    await publicTender(params.tenderId);
    const records = (await listMinutesRecords(params.tenderId)).sort(
      (a, b) => phaseOrder[a.phase] - phaseOrder[b.phase],
    );
    if (records.length === 0) throw notFound(`tender ${params.tenderId} has not been opened yet`);
    const items = await Promise.all(
      records.map(async (record) => {
        const stored = await readMinutesObject(record.objectKey);
        // The pointer says the minutes were published: their object must be there.
        if (!stored) throw storedObjectMissing('opening minutes', record.objectKey);
        return {
          phase: record.phase,
          publishedAt: record.publishedAt,
          objectKey: record.objectKey,
          sha256: stored.sha256,
          document: stored.document,
        };
      }),
    );
    return { body: { tenderId: params.tenderId, items } };
  },

  async getEvaluationReport({ params }) {
    await publicTender(params.tenderId);
    const [evaluation, awards] = await Promise.all([
      getEvaluation(params.tenderId),
      listAwards(params.tenderId),
    ]);
    if (!evaluation?.report || awards.length === 0) {
      throw notFound(`the evaluation report of tender ${params.tenderId} is public once an award is made`);
    }
    const text = await readStoredText(
      resources.bucket('log'),
      evaluation.report.objectKey,
      'evaluation report',
    );
    return {
      body: {
        tenderId: params.tenderId,
        requestId: evaluation.requestId ?? '',
        rankedAt: evaluation.report.rankedAt,
        sha256: evaluation.report.sha256,
        document: JSON.parse(text) as Record<string, unknown>,
      },
    };
  },
});
