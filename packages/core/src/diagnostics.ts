// Where parse.ts and its tests still import diagnostics.ts from, until they move into load/: a re-export.
export * from './common/diagnostics.ts';
