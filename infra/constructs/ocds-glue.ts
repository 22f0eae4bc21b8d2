// The Glue database and table over the OCDS bulk export (shared/ocds-export/layout.ts), so Athena
// can query every compiled release when one function is no longer enough: JSON lines read by the
// OpenX JSON SerDe, partitioned by month with partition projection (no crawler, no partition to
// add: every month from 2020-01 to now is a partition, the empty ones read as no rows). Columns are
// the fields analyses use (Cardinal's: tender, bids with the bids extension, awards, parties);
// the SerDe skips the rest.
import { Stack } from 'aws-cdk-lib';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { OCDS_EXPORT_PREFIX } from '../../shared/ocds-export/layout.ts';

// Glue's placeholder in storage.location.template, which Athena fills with each projected month.
const MONTH_PLACEHOLDER = ['$', '{month}'].join('');
const value = 'struct<amount:double,currency:string>';
const reference = 'struct<id:string,name:string>';

const columns: { name: string; type: string; comment?: string }[] = [
  { name: 'ocid', type: 'string' },
  { name: 'id', type: 'string' },
  { name: 'date', type: 'string', comment: 'UTC ISO instant of the latest release' },
  { name: 'tag', type: 'array<string>' },
  { name: 'initiationtype', type: 'string' },
  { name: 'language', type: 'string' },
  { name: 'buyer', type: reference },
  {
    name: 'tender',
    type: `struct<id:string,title:string,status:string,procurementmethod:string,procurementmethoddetails:string,mainprocurementcategory:string,awardcriteria:string,value:${value},tenderperiod:struct<startdate:string,enddate:string>,procuringentity:${reference},tenderers:array<${reference}>,numberoftenderers:int>`,
  },
  {
    name: 'bids',
    type: `struct<statistics:array<struct<id:string,measure:string,value:double,relatedlot:string>>,details:array<struct<id:string,date:string,status:string,value:${value},tenderers:array<${reference}>,relatedlots:array<string>>>>`,
    comment:
      'bids extension: status, value, date and tenderers of every bid once the opening minutes are public',
  },
  {
    name: 'awards',
    type: `array<struct<id:string,status:string,date:string,value:${value},suppliers:array<${reference}>,relatedlots:array<string>,relatedbids:array<string>>>`,
  },
  {
    name: 'contracts',
    type: `array<struct<id:string,awardid:string,status:string,datesigned:string,value:${value}>>`,
  },
  {
    name: 'parties',
    type: `array<struct<id:string,name:string,roles:array<string>,address:struct<streetaddress:string,region:string,countryname:string>>>`,
  },
];

export interface OcdsGlueTableProps {
  readonly stage: string;
  readonly bucket: IBucket;
}

export class OcdsGlueTable extends Construct {
  readonly databaseName: string;
  readonly tableName = 'compiled_releases';

  constructor(scope: Construct, id: string, props: OcdsGlueTableProps) {
    super(scope, id);
    const account = Stack.of(this).account;
    this.databaseName = `eproc_${props.stage.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_ocds`;
    const location = `s3://${props.bucket.bucketName}/${OCDS_EXPORT_PREFIX}`;
    const database = new CfnDatabase(this, 'Database', {
      catalogId: account,
      databaseInput: {
        name: this.databaseName,
        description: 'eproc open data: OCDS compiled releases (bulk export, JSONL by month)',
      },
    });
    const table = new CfnTable(this, 'CompiledReleases', {
      catalogId: account,
      databaseName: this.databaseName,
      tableInput: {
        name: this.tableName,
        description: 'One OCDS compiled release per published tender, filed under the month it was published',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [{ name: 'month', type: 'string', comment: 'YYYY-MM (UTC) of publication' }],
        parameters: {
          classification: 'json',
          EXTERNAL: 'TRUE',
          'projection.enabled': 'true',
          'projection.month.type': 'date',
          'projection.month.format': 'yyyy-MM',
          'projection.month.range': '2020-01,NOW',
          'projection.month.interval': '1',
          'projection.month.interval.unit': 'MONTHS',
          'storage.location.template': `${location}month=${MONTH_PLACEHOLDER}/`,
        },
        storageDescriptor: {
          location,
          columns,
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: {
            serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
            parameters: { 'ignore.malformed.json': 'false', 'case.insensitive': 'true' },
          },
        },
      },
    });
    table.addDependency(database);
  }
}
