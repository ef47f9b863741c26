import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { operationHashes, operationSources } from '../../sdk/src/generated/graphql';
import { readManifest } from '../../server/src/graphql/persisted/manifest';

/** Writes a manifest of these operations to a temporary file and reads it back. */
function read(operations: unknown[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
  try {
    const file = path.join(dir, 'persisted-operations.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }));
    return readManifest(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("the server's reading of the persisted-operations manifest", () => {
  it("holds the SDK's every operation under its hash", () => {
    const manifest = readManifest();
    expect(manifest.size).toBe(Object.keys(operationSources).length);
    for (const [name, text] of Object.entries(operationSources)) expect(manifest.get(operationHashes[name]!)).toBe(text);
  });

  it('refuses an entry whose id is not the sha256 of its body, and a file in another format', () => {
    const body = operationSources.Regions!;
    expect(read([{ id: operationHashes.Regions, name: 'Regions', type: 'query', body }]).get(operationHashes.Regions!)).toBe(body);
    expect(() => read([{ id: operationHashes.Regions, name: 'Regions', type: 'query', body: `${body}\n` }])).toThrow(/not the sha256 of its body/);
    expect(() => read([{ id: 'abc', name: 'Regions', type: 'query', body }])).toThrow(/not a persisted query manifest/);
  });
});
