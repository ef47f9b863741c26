import { EXAMPLE_OPERATIONS, NEW_TAB_QUERY } from './example-operations';

/** Where the page loads its scripts, style sheet and editor workers from: this server, never a CDN. */
export const PLAYGROUND_ASSETS = '/graphql/playground';

export const PLAYGROUND_TITLE = 'CDP Hub playground';

/**
 * Everything the page needs comes from this origin. Inline styles are allowed
 * because React and the Monaco editor set them; fonts are data: URLs inside
 * graphiql.css. No inline script runs: the options travel as a JSON data
 * block that start.js reads.
 */
export const PLAYGROUND_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** JSON that is safe inside a <script> element: no "</script>", no "<!--", no line separators that end JS strings. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const variablesText = (variables?: Record<string, unknown>) => (variables ? JSON.stringify(variables, null, 2) : undefined);

/**
 * Props for YogaGraphiQL (the bundle's React component), which passes what it
 * does not know on to GraphiQL 5. Headers are not persisted in localStorage,
 * so a Bearer token typed in the headers editor is gone with the tab.
 */
export function playgroundOptions(endpoint: string) {
  const [first] = EXAMPLE_OPERATIONS;
  return {
    endpoint,
    // Rendered as HTML by YogaGraphiQL, next to the logo.
    title: escapeHtml(PLAYGROUND_TITLE),
    defaultTabs: EXAMPLE_OPERATIONS.map((op) => ({ query: op.query, variables: variablesText(op.variables) })),
    // A fresh browser gets defaultTabs. One with tabs saved in localStorage gets a tab for this query
    // added unless one matches it: the first example, rather than YogaGraphiQL's welcome text.
    query: first?.query,
    variables: variablesText(first?.variables),
    defaultQuery: NEW_TAB_QUERY,
    isHeadersEditorEnabled: true,
    // Subscriptions over WebSocket (graphql-ws) at the same URL; the headers travel with each subscribe.
    subscriptionsProtocol: 'WS',
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: true,
  };
}

/** Runs after the bundle: points Monaco at the workers served here, then renders GraphiQL. */
export const START_SCRIPT = `'use strict';
(function () {
  var options = JSON.parse(document.getElementById('playground-options').textContent);
  var workers = ${JSON.stringify(PLAYGROUND_ASSETS)} + '/workers/';
  // Monaco asks for a worker per language; without this it would need a remote or blob: URL.
  self.MonacoEnvironment = {
    getWorker: function (_moduleId, label) {
      var file = label === 'json' ? 'json.worker.js' : label === 'graphql' ? 'graphql.worker.js' : 'editor.worker.js';
      return new Worker(workers + file, { name: label });
    },
  };
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
})();
`;

/** The HTML page: served for a browser's GET /graphql. */
export function playgroundHtml(endpoint: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>${escapeHtml(PLAYGROUND_TITLE)}</title>
    <link rel="icon" type="image/svg+xml" href="${PLAYGROUND_ASSETS}/favicon.svg" />
    <link rel="stylesheet" href="${PLAYGROUND_ASSETS}/graphiql.css" />
    <link rel="stylesheet" href="${PLAYGROUND_ASSETS}/playground.css" />
  </head>
  <body>
    <noscript>The CDP Hub playground needs JavaScript. GraphQL clients POST to ${escapeHtml(endpoint)}.</noscript>
    <div id="root"></div>
    <script id="playground-options" type="application/json">${jsonForScript(playgroundOptions(endpoint))}</script>
    <script src="${PLAYGROUND_ASSETS}/yoga-graphiql.js"></script>
    <script src="${PLAYGROUND_ASSETS}/start.js"></script>
  </body>
</html>
`;
}

/** Full-window layout; graphiql.css pads the body for the explorer plugin's own page. */
export const PAGE_STYLE = `html, body { height: 100%; margin: 0; }
body { padding: 0; }
#root { flex: 1; min-width: 0; height: 100%; }
`;

/** Served here, so the browser does not ask for /favicon.ico. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d4f91"/><text x="16" y="21" font-family="sans-serif" font-size="11" font-weight="bold" fill="#fff" text-anchor="middle">CDP</text></svg>
`;
