// The parties table's items: contractors with their claims and signing keys, and organisations.
import { defineEntity } from './define-entity.ts';

export const contractorEntity = defineEntity({
  table: 'parties',
  description: "a contractor's profile",
  pk: 'CONTRACTOR#{contractorId}',
  sk: 'PROFILE',
  indexes: {
    // Every contractor shares one partition of the byOwner index, so the public register is one
    // Query; a city's register is thousands of items, far below a partition's limits.
    all: {
      name: 'byOwner',
      pkAttribute: 'gsi1pk',
      skAttribute: 'gsi1sk',
      pk: 'CONTRACTOR',
      sk: '{contractorId}',
    },
  },
});

export const signingKeyEntity = defineEntity({
  table: 'parties',
  description: "a contractor's submission signing key, beside the profile (named by its thumbprint)",
  pk: 'CONTRACTOR#{contractorId}',
  sk: 'SIGNING_KEY#{keyId}',
});

export const enterpriseClaimEntity = defineEntity({
  table: 'parties',
  description: 'an enterprise code, claimed by one contractor',
  pk: 'ENTERPRISE#{code}',
  sk: 'CLAIM',
});

export const ownerClaimEntity = defineEntity({
  table: 'parties',
  description: 'a user (sub), owner of one contractor',
  pk: 'OWNER#{sub}',
  sk: 'CONTRACTOR',
});

export const organisationEntity = defineEntity({
  table: 'parties',
  description: "a procuring entity's profile",
  pk: 'ORG#{organisationId}',
  sk: 'PROFILE',
  indexes: {
    // Every organisation shares one partition of the byOwner index (the public list is one Query).
    all: {
      name: 'byOwner',
      pkAttribute: 'gsi1pk',
      skAttribute: 'gsi1sk',
      pk: 'ORGANISATION',
      sk: '{organisationId}',
    },
  },
});

export const organisationCodeClaimEntity = defineEntity({
  table: 'parties',
  description: "an organisation's code, claimed by one organisation",
  pk: 'ORGCODE#{code}',
  sk: 'CLAIM',
});
