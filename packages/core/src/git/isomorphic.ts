// Loads isomorphic-git once, and only when a command first reads git.
export type Git = typeof import('isomorphic-git');

let gitModule: Promise<Git> | undefined;

/** isomorphic-git, imported the first time it is asked for (commands that read no git never load it). */
export const loadGit = (): Promise<Git> => (gitModule ??= import('isomorphic-git').then((m) => (m as { default?: Git }).default ?? m));
