// Where parse.ts and its tests still import schema.ts from, until they move into load/: a re-export.
export * from './load/schema.ts';
