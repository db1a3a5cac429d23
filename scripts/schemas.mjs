// Compiles the JSON Schemas in schemas/ into one standalone validator module and derives core's types from them.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The file kinds, in the order the state names them, with the schema file of each. */
export const kinds = {
  constitution: 'constitution.schema.json',
  member: 'member.schema.json',
  commitment: 'commitment.schema.json',
  contributions: 'contributions.schema.json',
  proposal: 'proposal.schema.json',
  decision: 'decision.schema.json',
};

export function readSchemas() {
  return Object.fromEntries(
    Object.entries(kinds).map(([kind, file]) => [kind, JSON.parse(readFileSync(join(root, 'schemas', file), 'utf8'))]),
  );
}

export function ajvOptions() {
  return { strict: true, strictRequired: false, allErrors: true, verbose: true, validateFormats: false, code: { source: true, esm: true, lines: false } };
}

export function compileValidators() {
  const schemas = readSchemas();
  const ajv = new Ajv2020.default(ajvOptions());
  for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  const refs = Object.fromEntries(Object.entries(schemas).map(([kind, schema]) => [kind, schema.$id]));
  return standaloneCode.default(ajv, refs);
}

export function writeValidators() {
  const out = join(root, 'packages/core/src/generated');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'validators.js'), validatorModule());
}

/** ajv's standalone ESM still calls require() for its runtime helpers; import them instead. */
export function validatorModule() {
  const runtime = new Map();
  const code = compileValidators().replace(/require\("ajv\/dist\/runtime\/([a-z0-9]+)"\)/g, (_, name) => {
    runtime.set(name, `runtime_${name}`);
    return `runtime_${name}`;
  });
  // Loaders disagree on whether a CommonJS default import is module.exports or exports.default.
  const imports = [...runtime]
    .map(([name, local]) => `import ${local}_module from "ajv/dist/runtime/${name}.js";\nconst ${local} = typeof ${local}_module === "function" ? { default: ${local}_module } : ${local}_module;`)
    .join('\n');
  return `// Generated from schemas/ by scripts/schemas.mjs. Do not edit.\n${imports}\n${code.replace(/^"use strict";/, '')}\n`;
}

/** The TypeScript types of the file kinds, derived from the schemas. */
export async function typesModule() {
  const { compile } = await import('json-schema-to-typescript');
  const parts = ['// Generated from schemas/ by `npm run schemas`. Do not edit: change the schema and regenerate.\n'];
  for (const schema of Object.values(readSchemas())) {
    parts.push(await compile(schema, schema.title, { bannerComment: '', additionalProperties: false, ignoreMinAndMaxItems: true, unreachableDefinitions: false, format: true }));
  }
  return parts.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeValidators();
  if (process.argv.includes('--types')) {
    writeFileSync(join(root, 'packages/core/src/generated/types.ts'), await typesModule());
  }
}
