// The organisation hierarchy (the city → departments and districts → their boards) in the parties
// table: each organisation names its parent (`parentId` on its PROFILE), and the parent's
// partition holds one CHILD item per child, so an organisation's children are one Query and its
// descendants a walk down those Queries (shared/organisations/hierarchy.ts).
import { defineEntity } from './define-entity.ts';

export const organisationChildEntity = defineEntity({
  table: 'parties',
  description: "a child of an organisation, in the parent's partition",
  pk: 'ORG#{parentId}',
  sk: 'CHILD#{organisationId}',
});
