// Where parse.ts and its tests still import source.ts from, until they move into load/: a re-export.
export * from './common/source.ts';
