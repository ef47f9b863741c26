import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { FAVICON_SVG, PAGE_STYLE, PLAYGROUND_ASSETS, PLAYGROUND_CSP, START_SCRIPT, playgroundHtml } from './playground-page';

/** The prebuilt GraphiQL bundle of @graphql-yoga/graphiql, from node_modules (never a CDN). */
function graphiqlDist(): string {
  return path.join(path.dirname(require.resolve('@graphql-yoga/graphiql/package.json')), 'dist');
}

/** URL under PLAYGROUND_ASSETS -> file in the bundle's dist/. Only these are served. */
const BUNDLE_FILES: Record<string, string> = {
  '/yoga-graphiql.js': 'yoga-graphiql.umd.js',
  '/graphiql.css': 'graphiql.css',
  '/workers/editor.worker.js': 'monacoeditorwork/editor.worker.bundle.js',
  '/workers/json.worker.js': 'monacoeditorwork/json.worker.bundle.js',
  '/workers/graphql.worker.js': 'monacoeditorwork/graphql.worker..bundle.js',
};

/** GraphQL clients ask for JSON; a browser's navigation prefers HTML. */
function prefersHtml(req: express.Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/**
 * The GraphiQL playground: the page at GET `endpointPath` for browsers, and
 * its assets under PLAYGROUND_ASSETS. Mount it before the GraphQL middleware;
 * every other request passes through untouched.
 */
export function playgroundRouter(endpointPath = '/graphql'): express.Router {
  const dist = graphiqlDist();
  for (const file of Object.values(BUNDLE_FILES)) {
    if (!fs.existsSync(path.join(dist, file)))
      throw new Error(`GraphiQL bundle file ${file} is missing from ${dist}: reinstall @graphql-yoga/graphiql`);
  }
  const html = playgroundHtml(endpointPath);
  const router = express.Router();

  // Any query parameter is fine: GraphiQL keeps the edited query in ?query=, so a reload must get the page back.
  router.get(endpointPath, (req, res, next) => {
    if (!prefersHtml(req)) return next();
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': PLAYGROUND_CSP,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        Vary: 'Accept',
      })
      .send(html);
  });

  const assets = express.Router({ strict: true, caseSensitive: true });
  const cache = { 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' };
  assets.get('/start.js', (_req, res) => {
    res.type('text/javascript').set(cache).send(START_SCRIPT);
  });
  assets.get('/playground.css', (_req, res) => {
    res.type('text/css').set(cache).send(PAGE_STYLE);
  });
  assets.get('/favicon.svg', (_req, res) => {
    res.type('image/svg+xml').set(cache).send(FAVICON_SVG);
  });
  for (const [url, file] of Object.entries(BUNDLE_FILES)) {
    assets.get(url, (_req, res, next) => {
      res.sendFile(file, { root: dist, maxAge: '1h', headers: { 'X-Content-Type-Options': 'nosniff' } }, (err) => {
        if (err && !res.headersSent) next(err);
      });
    });
  }
  // Unknown asset names end here rather than in the GraphQL middleware.
  assets.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  router.use(PLAYGROUND_ASSETS, assets);
  return router;
}
