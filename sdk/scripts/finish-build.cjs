// Marks each build's module format for Node and bundlers (dist/esm is ESM,
// dist/cjs is CommonJS) and ships the schema for consumers' own tooling.
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
fs.writeFileSync(path.join(dist, 'esm', 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
fs.writeFileSync(path.join(dist, 'cjs', 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
fs.copyFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), path.join(dist, 'schema.graphql'));
