// Loading a state from a source: YAML, positions, schemas, the files in their places, reuse of an earlier load, and validation.
export { loadState } from './load-state.ts';
export type { LoadOptions, LoadResult, LoadedFile, ParseCache, ParsedFile } from './load-state.ts';
export { PositionIndex } from './locate.ts';
export type { Position, Span } from './locate.ts';
export { MAX_SCHEMA_PROBLEMS, checkSchema, fileKinds } from './schema.ts';
export type { FileKind } from './schema.ts';
export { locateAll, validateSource, validateState } from './validate.ts';
export type { ValidateOptions, ValidationResult, ValidationStats } from './validate.ts';
export { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_REFERENCE_LENGTH, decodeText, parseCanonical, parseYaml } from './parse.ts';
export type { ParseResult } from './parse.ts';
