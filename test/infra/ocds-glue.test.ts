// The Glue database and table over the OCDS bulk export: Athena reads exports/ocds/ of the exports
// bucket as JSON lines, partitioned by month through partition projection (no crawler).
import { describe, expect, it } from 'vitest';
import { stage, synth } from './support/synth.ts';
import { flat, resourcesOfType } from './support/template-walk.ts';

const { json } = synth();
const data = json.data;

describe('the OCDS export table', () => {
  const databases = resourcesOfType(data, 'AWS::Glue::Database');
  const tables = resourcesOfType(data, 'AWS::Glue::Table');

  it('has a database of its own and one table in it', () => {
    expect(databases.map(([, r]) => r.Properties.DatabaseInput.Name)).toEqual([`eproc_${stage}_ocds`]);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.[1].Properties.DatabaseName).toBe(`eproc_${stage}_ocds`);
  });

  it('reads JSON lines under exports/ocds/ of the exports bucket, by month through partition projection', () => {
    const input = tables[0]?.[1].Properties.TableInput;
    const storage = input.StorageDescriptor;
    expect(storage.SerdeInfo.SerializationLibrary).toBe('org.openx.data.jsonserde.JsonSerDe');
    expect(flat(storage.Location)).toMatch(/^s3:\/\/<BucketExports\w*>\/exports\/ocds\/$/);
    expect(input.PartitionKeys).toEqual([expect.objectContaining({ Name: 'month', Type: 'string' })]);
    expect(input.Parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.month.type': 'date',
      'projection.month.format': 'yyyy-MM',
      'projection.month.interval.unit': 'MONTHS',
    });
    expect(flat(input.Parameters['storage.location.template'])).toMatch(
      /\/exports\/ocds\/month=\$\{month\}\/$/,
    );
    const names = storage.Columns.map((c: any) => c.Name);
    expect(names).toEqual(expect.arrayContaining(['ocid', 'date', 'tender', 'bids', 'awards', 'parties']));
    const bids = storage.Columns.find((c: any) => c.Name === 'bids').Type as string;
    expect(bids).toMatch(
      /details:array<struct<id:string,date:string,status:string,value:struct<amount:double/,
    );
  });
});
