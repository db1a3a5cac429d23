// @ts-check
// Compiles the JSON Schemas in schemas/ into one standalone validator module (with its .d.ts) and derives core's types from them;
// writes the preset constitutions (packages/core/src/presets/*.yaml) as a module of strings, and the forge's files coop init
// writes (actions/workflows/*.yml, actions/rulesets/*.json) as another, in the CLI.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const generated = join(root, 'packages/core/src/generated');

/**
 * The kinds of file a governance state is made of, in the order the state names them: the one list.
 * Each is checked against schemas/<kind>.schema.json; core reads the list from the generated module.
 */
export const fileKinds = ['constitution', 'member', 'commitment', 'contributions', 'proposal', 'decision'];

/** @typedef {Record<string, unknown> & { $id: string, title: string }} Schema */

/** @returns {Record<string, Schema>} each kind's schema, by kind */
export function readSchemas() {
  return Object.fromEntries(fileKinds.map((kind) => [kind, JSON.parse(readFileSync(join(root, 'schemas', `${kind}.schema.json`), 'utf8'))]));
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

/** Writes the validator module core imports and its declarations. */
export function writeValidators() {
  mkdirSync(generated, { recursive: true });
  writeFileSync(join(generated, 'validators.js'), validatorModule());
  writeFileSync(join(generated, 'validators.d.ts'), validatorDeclarations());
}

/** ajv's standalone ESM still calls require() for its runtime helpers; import them instead. */
export function validatorModule() {
  /** @type {Map<string, string>} */
  const runtime = new Map();
  const code = compileValidators().replace(/require\("ajv\/dist\/runtime\/([a-z0-9]+)"\)/g, (_, /** @type {string} */ name) => {
    runtime.set(name, `runtime_${name}`);
    return `runtime_${name}`;
  });
  // Loaders disagree on whether a CommonJS default import is module.exports or exports.default.
  const imports = [...runtime]
    .map(
      ([name, local]) =>
        `import ${local}_module from "ajv/dist/runtime/${name}.js";\nconst ${local} = typeof ${local}_module === "function" ? { default: ${local}_module } : ${local}_module;`,
    )
    .join('\n');
  return `// Generated from schemas/ by scripts/schemas.mjs. Do not edit.\n${imports}\n${code.replace(/^"use strict";/, '')}\nexport const fileKinds = ${JSON.stringify(fileKinds)};\n`;
}

/** The types of the validator module: one validator per file kind, and the list of kinds. */
export function validatorDeclarations() {
  return [
    '// Generated from schemas/ by scripts/schemas.mjs. Do not edit.',
    "import type { ErrorObject } from 'ajv';",
    '',
    'export interface GeneratedValidator {',
    '  (data: unknown): boolean;',
    '  errors?: ErrorObject[] | null;',
    '}',
    '',
    '/** The kinds of file a governance state is made of, each with its own schema. */',
    `export type FileKind = ${fileKinds.map((kind) => `'${kind}'`).join(' | ')};`,
    '',
    'export const fileKinds: readonly FileKind[];',
    '',
    ...fileKinds.map((kind) => `export const ${kind}: GeneratedValidator;`),
    '',
  ].join('\n');
}

/** The preset constitutions, packages/core/src/presets/<name>.yaml, by name: the text of each file as it is. */
export function readPresets() {
  const dir = join(root, 'packages/core/src/presets');
  const names = readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.slice(0, -'.yaml'.length))
    .sort();
  return Object.fromEntries(names.map((name) => [name, readFileSync(join(dir, `${name}.yaml`), 'utf8')]));
}

/** Writes the presets as string constants, so that the bundle, vitest and tsx hold them without reading a file at run time. */
export function writePresets() {
  mkdirSync(generated, { recursive: true });
  writeFileSync(join(generated, 'presets.js'), presetModule());
  writeFileSync(join(generated, 'presets.d.ts'), presetDeclarations());
  writeForgeFiles();
}

/** The files `coop init --forge github` writes into a repository, by their path there: the workflows and the default branch's ruleset. */
export function readForgeFiles() {
  /** @type {Record<string, string>} */
  const files = {};
  for (const name of readdirSync(join(root, 'actions/workflows'))
    .filter((f) => f.endsWith('.yml'))
    .sort())
    files[`.github/workflows/${name}`] = readFileSync(join(root, 'actions/workflows', name), 'utf8');
  for (const name of readdirSync(join(root, 'actions/rulesets'))
    .filter((f) => f.endsWith('.json'))
    .sort())
    files[`.github/rulesets/${name}`] = readFileSync(join(root, 'actions/rulesets', name), 'utf8');
  return files;
}

export function writeForgeFiles() {
  const dir = join(root, 'packages/cli/src/generated');
  mkdirSync(dir, { recursive: true });
  const header = '// Generated from actions/workflows/ and actions/rulesets/ by scripts/schemas.mjs. Do not edit.';
  writeFileSync(join(dir, 'forge-files.js'), `${header}\nexport const github = ${JSON.stringify(readForgeFiles(), null, 2)};\n`);
  writeFileSync(
    join(dir, 'forge-files.d.ts'),
    `${header}\n/** Each file's text by its path in the repository. */\nexport const github: Record<string, string>;\n`,
  );
}

export function presetModule() {
  const header = '// Generated from packages/core/src/presets/*.yaml by scripts/schemas.mjs. Do not edit.';
  return [header, ...Object.entries(readPresets()).map(([name, text]) => `export const ${name} = ${JSON.stringify(text)};`), ''].join('\n');
}

export function presetDeclarations() {
  const header = '// Generated from packages/core/src/presets/*.yaml by scripts/schemas.mjs. Do not edit.';
  return [header, ...Object.keys(readPresets()).map((name) => `export const ${name}: string;`), ''].join('\n');
}

/** The TypeScript types of the file kinds, derived from the schemas. */
export async function typesModule() {
  const { compile } = await import('json-schema-to-typescript');
  const parts = ['// Generated from schemas/ by `npm run schemas`. Do not edit: change the schema and regenerate.\n'];
  for (const schema of Object.values(readSchemas())) {
    parts.push(
      await compile(schema, schema.title, {
        bannerComment: '',
        additionalProperties: false,
        ignoreMinAndMaxItems: true,
        unreachableDefinitions: false,
        format: true,
      }),
    );
  }
  return parts.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeValidators();
  writePresets();
  if (process.argv.includes('--types')) {
    writeFileSync(join(generated, 'types.ts'), await typesModule());
  }
}
