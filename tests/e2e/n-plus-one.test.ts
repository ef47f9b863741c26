import { User } from '../../server/src/modules/user/user.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

/** cohorts → associates → administration → region, and research with its themes: every level through loaders. */
const NESTED = `query Nested($size: Int!) {
  cohorts(first: $size) {
    totalCount
    nodes {
      label
      associates(first: $size) {
        totalCount
        nodes {
          fullName
          administration { iso2 region { code } }
          research { title themes }
        }
      }
    }
  }
}`;

/**
 * The dashboards' nested pages, with their filters (a filter's values are
 * bound, so they must not split a batch): administrations → invitations (open
 * ones), nominations (by status) with the associate each created, focal
 * points, alumni (associates by status); users → review queue, reviews, the ADMIN's counts.
 * No loader is read by two sibling lists here: on PostgreSQL siblings answer at
 * moments that vary, and one loader's batches would then vary from run to run.
 */
const DASHBOARDS = `query Dashboards($size: Int!) {
  administrations(first: $size) {
    nodes {
      iso2
      invitations(first: $size, filter: { open: true }) { totalCount nodes { isOpen nominationDeadline cohort { seatsTaken seatsLeft } } }
      nominations(first: $size, filter: { statusIn: [SUBMITTED, SHORTLISTED] }) { totalCount nodes { id associate { id nomination { id } } } }
      focalPoints(first: $size) { totalCount nodes { id } }
      alumni: associates(first: $size, filter: { statusIn: [COMPLETED] }) { totalCount nodes { alumniProfile { currentPosition } } }
    }
  }
  users(first: $size, filter: { roleIn: [REVIEWER, ADMIN] }) {
    nodes {
      reviewQueue(first: $size) { totalCount nodes { id candidateFullName } }
      reviews(first: $size) { totalCount nodes { score } }
      actionCounts { deadOutboxMessages }
    }
  }
}`;

describeEachDatabase('N+1 guard', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  async function statementsFor(size: number): Promise<{ statements: number; associates: number }> {
    const before = server.database.statements.count;
    const data = await server.data(NESTED, { size });
    const statements = server.database.statements.count - before;
    const associates = data.cohorts.nodes.reduce((n: number, c: any) => n + c.associates.nodes.length, 0);
    return { statements, associates };
  }

  it('issues the same number of SQL statements at page size 5 and 40', async () => {
    const small = await statementsFor(5);
    // 40, not 50: the nested page must stay within the cost limit, which prices each project's themes at their bound (MAX_THEMES).
    const large = await statementsFor(40);
    // The large page really is larger, so the comparison means something.
    expect(large.associates).toBeGreaterThan(small.associates * 2);
    expect(large.statements).toBe(small.statements);
    console.log(
      `N+1 guard [${kind.name}]: page size 5 -> ${small.associates} associates, ${small.statements} SQL statements; ` +
        `page size 40 -> ${large.associates} associates, ${large.statements} SQL statements`,
    );
  });

  it('issues the same number of SQL statements for the dashboards\' nested pages at page size 5 and 40', async () => {
    // Reviewers enough that a page of 40 users holds more queues than a page of 5.
    await server.database.dataSource.getRepository(User).save(
      Array.from({ length: 12 }, (_, i) => ({ email: `queue-${i}@example.org`, passwordHash: 'not-a-hash', displayName: `Queue reviewer ${i}`, role: UserRole.REVIEWER })),
    );
    const admin = await server.as(UserRole.ADMIN);
    const run = async (size: number) => {
      const before = server.database.statements.count;
      const data = await admin.data(DASHBOARDS, { size });
      const statements = server.database.statements.count - before;
      const items =
        data.administrations.nodes.reduce((n: number, a: any) => n + a.invitations.nodes.length + a.nominations.nodes.length, 0) +
        data.users.nodes.reduce((n: number, u: any) => n + u.reviewQueue.nodes.length, 0);
      return { statements, items };
    };
    const small = await run(5);
    const large = await run(40);
    expect(large.items).toBeGreaterThan(small.items * 2);
    expect(large.statements).toBe(small.statements);
    console.log(`N+1 guard, dashboards [${kind.name}]: ${small.items} and ${large.items} items, ${small.statements} SQL statements at both page sizes`);
  });
});
