import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { buildCdpSchema, schemaSdl } from './schema';

/** `npm run schema`: writes schema.graphql at the repository root. */
export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', '..', 'schema.graphql');

buildCdpSchema()
  .then((schema) => {
    fs.writeFileSync(SCHEMA_FILE, schemaSdl(schema));
    console.log(`Wrote ${SCHEMA_FILE}`);
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
