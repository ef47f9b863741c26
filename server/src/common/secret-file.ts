import fs from 'node:fs';
import path from 'node:path';

/**
 * The text of a development secret kept in `file` (readable by the owner
 * only), made by `make` the first time. Written aside, then linked into
 * place: two processes starting at once agree on one secret, and none reads
 * half a file.
 */
export function readOrCreateSecretFile(file: string, make: () => string): string {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const draft = `${file}.${process.pid}.${Date.now()}`;
    fs.writeFileSync(draft, make(), { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.unlinkSync(draft);
    }
  }
  return fs.readFileSync(file, 'utf8');
}
