// Opens the state a command reads: the working tree of --repo, or a git ref read from the object store.
import { resolve } from 'node:path';
import { gitSource, openRepository, resolveCommit, SourceError, workingTreeSource, type Repository, type Source } from '@cooperage/core';
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

/**
 * The git repository holding `dir`, for a command that reads commits. Outside a repository the error
 * says which command needed one and why (`needs`), and how to go on.
 */
export function openGit(command: string, dir: string, needs: string): Repository {
  try {
    return openRepository(dir);
  } catch (error) {
    if (error instanceof SourceError && error.code === 'git.not-a-repository') {
      throw new SourceError(error.code, `coop ${command}: ${dir} is not inside a git repository, ${needs}. Run it in a clone of the project, or pass its folder with --repo DIR.`, error.data);
    }
    throw error;
  }
}

/** The commit a revision given to `--flag` names; an unknown one is an error that names the flag. */
export async function commitOf(command: string, repository: Repository, flag: string, ref: string): Promise<string> {
  try {
    return await resolveCommit(repository, ref);
  } catch (error) {
    if (error instanceof SourceError) throw new SourceError(error.code, `coop ${command}: --${flag} ${error.message}`, error.data);
    throw error;
  }
}
