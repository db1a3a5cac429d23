// Where parse.ts and its tests still import validate.ts from, until they move into load/: a re-export.
export * from './load/validate.ts';
