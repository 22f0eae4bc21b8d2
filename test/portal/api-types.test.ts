// The portal's typed client is generated from the route contracts; a contract change without
// `npm run api:generate` leaves the committed types stale, and this fails (as CI does).
import { describe, expect, it } from 'vitest';
import { committedApiTypes, generateApiTypes, schemaPath } from '../../portal/scripts/api-types.ts';

describe('portal API types', () => {
  it('match what the current contracts generate', async () => {
    const generated = await generateApiTypes();
    expect(generated).toContain('"/tenders/{tenderId}"');
    // A plain equality, not toBe on 350 KB: the message says what to run instead of a huge diff.
    const fresh = generated === committedApiTypes();
    expect(fresh, `${schemaPath} is stale: run \`npm run api:generate\` and commit it`).toBe(true);
  }, 60_000);
});
