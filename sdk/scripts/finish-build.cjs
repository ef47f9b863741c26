// Marks each build's module format for Node and bundlers (dist/esm is ESM,
// dist/cjs is CommonJS) and ships the schema and the persisted-operations
// manifest for consumers' own tooling (and a server's trusted documents).
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
fs.writeFileSync(path.join(dist, 'esm', 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
fs.writeFileSync(path.join(dist, 'cjs', 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
fs.copyFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), path.join(dist, 'schema.graphql'));
fs.copyFileSync(path.join(__dirname, '..', 'src', 'generated', 'persisted-operations.json'), path.join(dist, 'persisted-operations.json'));
