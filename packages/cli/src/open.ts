// Opens the state a command reads: the working tree of --repo, or a git ref read from the object store.
import { resolve } from 'node:path';
import { gitSource, openRepository, resolveCommit, workingTreeSource, type Source } from '@cooperage/core';
import type { IO } from './io.ts';

/** A source for --repo DIR, at --ref REF when given. */
export async function openSource(io: IO, repo: string, ref: string | undefined): Promise<Source> {
  const dir = resolve(io.cwd, repo);
  if (ref === undefined) return workingTreeSource(dir, `the working tree at ${repo}`);
  // The folder must exist even when reading a ref: --repo names the project inside the repository.
  workingTreeSource(dir);
  const repository = openRepository(dir);
  const commit = await resolveCommit(repository, ref);
  return gitSource(repository, commit, `${ref} (${commit.slice(0, 7)})`);
}
