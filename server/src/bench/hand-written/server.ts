/**
 * The hand-written endpoint of the benchmark, run as its own process beside
 * CDP Hub: Node's http server answering POST /graphql with the cohort page
 * of the `label` variable (whatever the query says: it is the yardstick for
 * that one query), and GET /healthz. Reads DATABASE_URL, PORT and
 * PROGRAMME_CODE (given by the harness, so this process loads none of the
 * server's decorated classes).
 */
import http from 'node:http';
import { parseDatabaseUrl } from '../../config';
import { COHORT_PAGE_VARIABLES } from '../cohort-page-query';
import { postgresCohortPage } from './postgres-cohort-page';
import { sqliteCohortPage } from './sqlite-cohort-page';

const database = parseDatabaseUrl(process.env.DATABASE_URL);
const programmeCode = process.env.PROGRAMME_CODE;
if (!programmeCode) throw new Error('PROGRAMME_CODE is required');
const page: (label: string) => string | Promise<string> =
  database.kind === 'sqlite' ? sqliteCohortPage(database.file, programmeCode) : postgresCohortPage(database.url, programmeCode).page;

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const server = http.createServer(async (request, response) => {
  try {
    if (request.method === 'GET' && request.url === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (request.method !== 'POST' || request.url !== '/graphql') {
      response.writeHead(404).end();
      return;
    }
    const body = JSON.parse(await readBody(request)) as { variables?: { label?: string } };
    const json = await page(body.variables?.label ?? COHORT_PAGE_VARIABLES.label);
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(json);
  } catch (err) {
    response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(err) }));
  }
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
