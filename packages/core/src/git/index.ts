// Reading git: a commit as a Source, the objects and trees, the history, and the three-way merge of a pull request.
export { gitSource, mergeBase, openRepository, resolveCommit } from './git.ts';
export type { Repository } from './git.ts';
export { openHistory } from './history.ts';
export type { CommitInfo, History } from './history.ts';
export { mergeText, mergedSource } from './merge.ts';
export type { MergeConflict, MergeSources, MergedSource } from './merge.ts';
export { blobId, treeId } from './trees.ts';
