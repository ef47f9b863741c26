#!/usr/bin/env node
// The `cdp-hub` command runs the built tool (server/dist, made by `npm run build`).
// The bin is this file, which is in git, so npm links it when the workspace is
// installed, before the first build: a link to a file that does not exist yet
// is not made at all.
const path = require('node:path');
const fs = require('node:fs');

const built = path.join(__dirname, '..', 'dist', 'cli', 'cdp-hub.js');
if (!fs.existsSync(built)) {
  process.stderr.write('cdp-hub: the server is not built yet; run `npm run build` first\n');
  process.exit(2);
}
require(built);
