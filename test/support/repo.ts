// Builds real temporary git repositories for tests that read history or refs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestRepo {
  /** The repository's top folder. */
  dir: string;
  /** Writes files (path → content) relative to the top folder; `null` deletes one. */
  write(files: Record<string, string | Uint8Array | null>): void;
  /** Makes a symbolic link at `path` pointing at `target`. */
  link(path: string, target: string): void;
  /** Stages everything and commits; returns the new commit id. */
  commit(message: string, options?: { author?: string; date?: string }): string;
  git(...args: string[]): string;
  remove(): void;
}

const identity = ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'];

export function makeRepo(files: Record<string, string | Uint8Array | null> = {}): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), 'coop-repo-'));
  const git = (...args: string[]) =>
    execFileSync('git', [...identity, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    }).trim();
  git('init', '-q', '-b', 'main');
  const repo: TestRepo = {
    dir,
    git,
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
      execFileSync('git', [...identity, 'commit', '-q', '--allow-empty', '-m', message, ...(options.author ? ['--author', options.author] : [])], {
        cwd: dir,
        env: {
          ...process.env,
          GIT_CONFIG_GLOBAL: '/dev/null',
          GIT_CONFIG_NOSYSTEM: '1',
          ...(options.date ? { GIT_AUTHOR_DATE: options.date, GIT_COMMITTER_DATE: options.date } : {}),
        },
      });
      return git('rev-parse', 'HEAD');
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  repo.write(files);
  return repo;
}
