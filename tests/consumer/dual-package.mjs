// An app that ends up with both builds of @cdp-hub/sdk (an ES module of its
// own plus a CommonJS dependency, say): documents and errors of one build
// must work with the other (tests/e2e/sdk-consumer.test.ts).
import { createRequire } from 'node:module';
import * as esm from '@cdp-hub/sdk';

const cjs = createRequire(import.meta.url)('@cdp-hub/sdk');
const [url] = process.argv.slice(2);

const results = { distinctBuilds: esm.createCdpClient !== cjs.createCdpClient };
results.esmDocumentThroughCjsClient = (await cjs.createCdpClient({ url }).request(esm.RegionsDocument)).regions.totalCount;
results.cjsDocumentThroughEsmClient = (await esm.createCdpClient({ url }).request(cjs.RegionsDocument)).regions.totalCount;
try {
  await cjs.createCdpClient({ url }).node({ id: 'not-an-id' });
} catch (error) {
  results.cjsErrorIsEsmCdpGraphQLError = error instanceof esm.CdpGraphQLError;
  results.cjsErrorIsEsmCdpError = error instanceof esm.CdpError;
  results.cjsErrorIsEsmCdpNetworkError = error instanceof esm.CdpNetworkError;
}
console.log(JSON.stringify(results));
