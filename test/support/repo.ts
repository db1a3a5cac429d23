// Builds real temporary git repositories for tests that read history or refs.
//
// Starting a process costs about 15 ms on a small machine, and git does little else here: a
// repository is a copy of one `git init` made once per worker, the commit a commit made is read from
// .git without a process, and `copyOf` copies a repository that several tests start from (a
// cooperative `coop init` scaffolded, a committed genesis) instead of building it again per test.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inject } from 'vitest';

export interface TestRepo {
  /** The repository's top folder. */
  dir: string;
  /** Writes files (path → content) relative to the top folder; `null` deletes one. */
  write(files: Record<string, string | Uint8Array | null>): void;
  /** Makes a symbolic link at `path` pointing at `target`. */
  link(path: string, target: string): void;
  /** Stages everything and commits; returns the new commit id. */
  commit(message: string, options?: { author?: string; date?: string }): string;
  /** The commit HEAD is at. */
  head(): string;
  git(...args: string[]): string;
  remove(): void;
}

const identity = ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'];
const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

/** Runs git in `dir` with the tests' identity and no user or system configuration; returns its output, trimmed. */
function gitIn(dir: string, args: string[], env: NodeJS.ProcessEnv = gitEnv): string {
  return execFileSync('git', [...identity, ...args], { cwd: dir, encoding: 'utf8', env }).trim();
}

/** This worker's templates, under the run's folder that test/support/global-setup.ts removes at the end. */
let workerFolder: string | undefined;
function templateFolder(): string {
  workerFolder ??= mkdtempSync(join(inject('coopTemplates') ?? tmpdir(), 'worker-'));
  return workerFolder;
}

/** A repository `git init` made, once per worker; without the sample hooks and the like, which only make copies slower. */
let emptyTemplate: string | undefined;
function emptyRepository(): string {
  if (emptyTemplate === undefined) {
    const dir = mkdtempSync(join(templateFolder(), 'empty-'));
    gitIn(dir, ['init', '-q', '--template=', '-b', 'main']);
    emptyTemplate = dir;
  }
  return emptyTemplate;
}

/** The repository in `dir`, as a TestRepo. */
function open(dir: string): TestRepo {
  const git = (...args: string[]) => gitIn(dir, args);
  const head = () => {
    const gitDir = join(dir, '.git');
    const symbolic = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (!symbolic.startsWith('ref: ')) return symbolic;
    try {
      // A branch just committed on is a loose ref; a packed one (after gc or a clone) asks git.
      return readFileSync(join(gitDir, symbolic.slice('ref: '.length)), 'utf8').trim();
    } catch {
      return git('rev-parse', 'HEAD');
    }
  };
  return {
    dir,
    git,
    head,
    write(more) {
      for (const [path, content] of Object.entries(more)) {
        const full = join(dir, path);
        if (content === null) rmSync(full, { recursive: true, force: true });
        else {
          mkdirSync(dirname(full), { recursive: true });
          writeFileSync(full, content);
        }
      }
    },
    link(path, target) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      try {
        unlinkSync(full);
      } catch {
        // nothing there yet
      }
      symlinkSync(target, full);
    },
    commit(message, options = {}) {
      git('add', '-A');
      const env = options.date ? { ...gitEnv, GIT_AUTHOR_DATE: options.date, GIT_COMMITTER_DATE: options.date } : gitEnv;
      gitIn(dir, ['commit', '-q', '--allow-empty', '-m', message, ...(options.author ? ['--author', options.author] : [])], env);
      return head();
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new repository on branch main with `files` written (not committed). */
export function makeRepo(files: Record<string, string | Uint8Array | null> = {}): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), 'coop-repo-'));
  cpSync(emptyRepository(), dir, { recursive: true });
  const repo = open(dir);
  repo.write(files);
  return repo;
}

const templates = new Map<string, Promise<string>>();

/**
 * A new copy of the repository that `build` makes from an empty one: built the first time a worker
 * asks for `key`, copied every time. `build` must make the same repository whenever it runs (fixed
 * dates for commits whose ids matter), since a copy stands for a repository built afresh.
 */
export async function copyOf(key: string, build: (repo: TestRepo) => void | Promise<void>): Promise<TestRepo> {
  let made = templates.get(key);
  if (made === undefined) {
    made = (async () => {
      const dir = mkdtempSync(join(templateFolder(), `template-${createHash('sha256').update(key).digest('hex').slice(0, 16)}-`));
      cpSync(emptyRepository(), dir, { recursive: true });
      await build(open(dir));
      return dir;
    })();
    templates.set(key, made);
    // A build that failed is tried again by the next test that asks, which fails in its own words.
    made.catch(() => templates.delete(key));
  }
  const dir = mkdtempSync(join(tmpdir(), 'coop-repo-'));
  cpSync(await made, dir, { recursive: true });
  return open(dir);
}
