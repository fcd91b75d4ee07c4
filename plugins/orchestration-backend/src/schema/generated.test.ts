import { staleOpenApiFiles } from '../../scripts/generate-openapi';

describe('the code generated from openapi.yaml', () => {
  // The typed server router (src/schema/openapi/generated) and the types of
  // the frontend client come from the document; `yarn generate:openapi`
  // writes them.
  it('is up to date with the document', async () => {
    expect(await staleOpenApiFiles()).toEqual([]);
  }, 60_000);
});
