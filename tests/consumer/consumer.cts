// A consumer of the packed @cdp-hub/sdk, as a CommonJS module (tests/e2e/sdk-consumer.test.ts).
// Type-checked in strict mode (verbatimModuleSyntax: so `import = require`)
// against the installed tarball, then compiled and run with node against a
// live server. It prints one JSON line of results, like consumer.mts.
import sdk = require('@cdp-hub/sdk');
import type {
  CdpClient,
  CdpErrorCode,
  CdpNetworkFailure,
  CertificateVerificationReason,
  CohortQuery,
  CohortStatus,
  CohortsQuery,
  LoginMutation,
} from '@cdp-hub/sdk';

declare const process: { readonly argv: ReadonlyArray<string>; exitCode?: number };
declare const console: { log(text: string): void };

const { CdpError, CdpGraphQLError, CdpNetworkError, CohortDocument, createCdpClient } = sdk;

async function main(url: string, unreachableUrl: string): Promise<Record<string, unknown>> {
  const client: CdpClient = createCdpClient({ url });

  const data: CohortQuery = await client.cohort({ label: '2023-2024', associatesFirst: 50 });
  if (!data.cohort) throw new Error('cohort 2023-2024 not found');
  const label: string = data.cohort.label;
  const status: CohortStatus = data.cohort.status;
  const associateCount: number = data.cohort.associates.totalCount;
  const associateNames: string[] = data.cohort.associates.nodes.map((associate) => associate.fullName);

  const viaDocument = await client.request(CohortDocument, { label: '2023-2024' });
  const sameId: boolean = viaDocument.cohort?.id === data.cohort.id;

  const verification = await client.verifyCertificate({ serial: 'NO-SUCH-SERIAL' });
  const reason: CertificateVerificationReason = verification.verifyCertificate.reason;
  const isValid: boolean = verification.verifyCertificate.isValid;

  const seen: string[] = [];
  for await (const cohort of client.paginate(client.cohorts, { first: 2 })) {
    const id: string = cohort.id;
    const cohortStatus: CohortStatus = cohort.status;
    seen.push(`${id}:${cohortStatus}`);
  }
  const cohorts: CohortsQuery = await client.cohorts({ first: 1 });
  const totalCount: number = cohorts.cohorts.totalCount;

  let invalidId: Record<string, unknown> = { thrown: false };
  try {
    await client.node({ id: 'not-an-id' });
  } catch (error) {
    if (error instanceof CdpGraphQLError) {
      const code: CdpErrorCode | undefined = error.code;
      invalidId = {
        thrown: true,
        isCdpGraphQLError: true,
        isCdpError: error instanceof CdpError,
        isError: error instanceof Error,
        name: error.name,
        code,
        hasCode: error.hasCode('INVALID_ID'),
      };
    } else {
      invalidId = { thrown: true, isCdpGraphQLError: false, message: String(error) };
    }
  }

  let unreachable: Record<string, unknown> = { thrown: false };
  try {
    await createCdpClient({ url: unreachableUrl }).programmes();
  } catch (error) {
    if (error instanceof CdpNetworkError) {
      const failure: CdpNetworkFailure = error.reason;
      unreachable = { thrown: true, isCdpNetworkError: true, isCdpError: error instanceof CdpError, name: error.name, reason: failure };
    } else {
      unreachable = { thrown: true, isCdpNetworkError: false, message: String(error) };
    }
  }

  return {
    module: 'cjs',
    cohort: { label, status, associateCount, associateNodes: associateNames.length, sameId },
    verification: { reason, isValid },
    paginate: { count: seen.length, unique: new Set(seen).size, totalCount },
    invalidId,
    unreachable,
  };
}

// Never called: each line must fail to type-check, or tsc reports an unused @ts-expect-error.
// (Not exported: verbatimModuleSyntax allows only `export =` in CommonJS.)
function typeOnlyChecks(client: CdpClient, result: CohortQuery, page: CohortsQuery, login: LoginMutation): void {
  // @ts-expect-error label is a string, not a number
  const wrongType: number = result.cohort!.label;
  // @ts-expect-error 'DONE' is not a CohortStatus
  const wrongStatus: CohortStatus = 'DONE';
  // @ts-expect-error the Cohorts query does not select a cohort's events
  const unselected = page.cohorts.nodes[0]!.events;
  // @ts-expect-error the variable label is required
  void client.cohort({});
  // @ts-expect-error label must be a string
  void client.cohort({ label: 2023 });
  // @ts-expect-error no such operation
  void client.cohortz({ label: '2023-2024' });
  // @ts-expect-error reason is a CdpNetworkFailure, not any string
  const wrongReason: 'timeout' = new CdpNetworkError('unreachable', 'x', undefined, undefined, undefined).reason;
  // @ts-expect-error 'TOKEN_EXPIRED' is not one of the server's error codes
  const unknownCode: CdpErrorCode = 'TOKEN_EXPIRED';
  // @ts-expect-error a user error's code is a UserErrorCode, not any string
  const unknownUserError: 'LOCKED_OUT' = login.login.userErrors[0]!.code;
  void [wrongType, wrongStatus, unselected, wrongReason, unknownCode, unknownUserError];
}

void typeOnlyChecks;

const [url, unreachableUrl] = process.argv.slice(2) as [string, string];
main(url, unreachableUrl).then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.log(JSON.stringify({ module: 'cjs', fatal: String(error) }));
    process.exitCode = 1;
  },
);
