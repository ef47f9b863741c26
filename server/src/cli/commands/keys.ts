import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DATA_DIR } from '../../config';
import { DEVELOPMENT_KEY_FILE, generateSigningKey, SigningKeyRing } from '../../modules/certificate/credential/signing-keys';
import { CliFailure, UsageError } from '../cli-errors';
import { cliConfig, say } from '../cli-context';

/** The key file of this configuration: CDP_SIGNING_KEY_FILE, else (outside production) the development one. */
export function keyFileOf(config: ReturnType<typeof cliConfig>): string {
  return config.certificates.signingKeyFile ?? path.join(DATA_DIR, DEVELOPMENT_KEY_FILE);
}

/** Writes beside the file, then renames: a reader never sees half a key set, and the secret is never world-readable. */
function writeKeyFile(file: string, content: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temporary, content, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('certificate signing keys');
  keys
    .command('rotate')
    .description(
      'append a new Ed25519 key to the signing key file (made when missing): it signs new certificates once the servers restart; ' +
        'the earlier keys stay published, so what they signed keeps verifying. Prints the new key id',
    )
    .option('--file <file>', 'the JWK set file (default: CDP_SIGNING_KEY_FILE, or the development key file)')
    .action((options: { file?: string }) => {
      const config = options.file ? undefined : cliConfig();
      const file = path.resolve(options.file ?? keyFileOf(config!));
      let existing: unknown[] = [];
      if (fs.existsSync(file)) {
        let json: { keys?: unknown };
        try {
          json = JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch (err) {
          throw new CliFailure(`cannot read the signing key file ${file}: ${(err as Error).message}`);
        }
        if (!Array.isArray(json.keys)) throw new CliFailure(`${file}: expected a JWK set {"keys": [...]}`);
        existing = json.keys;
      } else if (!fs.existsSync(path.dirname(file))) {
        throw new UsageError(`no folder ${path.dirname(file)} for the key file`);
      }
      const added = generateSigningKey();
      const jwks = { keys: [...existing, { ...(added.privateKey!.export({ format: 'jwk' }) as object), kid: added.kid }] };
      // Parsing the whole set checks every earlier key (and that no kid repeats) before anything is written.
      const ring = SigningKeyRing.fromJwks(jwks, file);
      writeKeyFile(file, `${JSON.stringify(jwks, null, 2)}\n`);
      process.stdout.write(`${added.kid}\n`);
      say(`${file}: key ${ring.keys.length} of ${ring.keys.length} appended (kid ${added.kid}); restart the servers to sign with it.`);
    });
}
