// The schemas are the single source of truth: core's types and validators are derived from them.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileKinds as coreFileKinds } from './schema.ts';
import { fileKinds, readSchemas, typesModule, validatorDeclarations, validatorModule } from '../../../../scripts/schemas.mjs';

const root = join(import.meta.dirname, '../../../..');

describe('schemas/', () => {
  it('has one schema per file kind, each with $id, title, descriptions everywhere and no extra properties', () => {
    const schemas = readSchemas() as Record<string, Record<string, unknown>>;
    expect(Object.keys(schemas).sort()).toEqual(['commitment', 'constitution', 'contributions', 'decision', 'member', 'proposal']);
    expect(readdirSync(join(root, 'schemas')).sort()).toEqual(
      Object.keys(schemas)
        .map((k) => `${k}.schema.json`)
        .sort(),
    );
    for (const [kind, schema] of Object.entries(schemas)) {
      expect(schema.$schema, kind).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id, kind).toBe(`https://cooperage.dev/schemas/${kind}.schema.json`);
      expect(schema.title, kind).toEqual(expect.any(String));
      const missing: string[] = [];
      const open: string[] = [];
      const visit = (node: unknown, path: string) => {
        if (typeof node !== 'object' || node === null) return;
        const n = node as Record<string, unknown>;
        if (n.properties && typeof n.properties === 'object') {
          if (n.additionalProperties !== false) open.push(path);
          for (const [name, prop] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
            if (typeof prop.description !== 'string') missing.push(`${path}/${name}`);
          }
        }
        for (const [key, child] of Object.entries(n)) visit(child, `${path}/${key}`);
      };
      visit(schema, kind);
      expect(missing, `${kind}: properties without a description`).toEqual([]);
      expect(open, `${kind}: objects that allow unknown properties`).toEqual([]);
    }
  });

  it('core types are generated from the schemas and up to date (npm run schemas regenerates them)', async () => {
    const checkedIn = readFileSync(join(root, 'packages/core/src/generated/types.ts'), 'utf8');
    expect(await typesModule()).toBe(checkedIn);
  });

  it('the validators core runs, and their declarations, are compiled from the schemas as they are now', () => {
    expect(readFileSync(join(root, 'packages/core/src/generated/validators.js'), 'utf8')).toBe(validatorModule());
    expect(readFileSync(join(root, 'packages/core/src/generated/validators.d.ts'), 'utf8')).toBe(validatorDeclarations());
  });

  it('core knows the file kinds from the one list the validators are generated from', () => {
    expect(coreFileKinds).toEqual(fileKinds);
    expect(Object.keys(readSchemas())).toEqual(fileKinds);
  });
});
