// vitest's globalSetup: one temporary folder for the whole run, where each worker keeps the template repositories it copies (test/support/repo.ts), removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's temporary folder for templates; gone when the run ends. */
    coopTemplates: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'coop-templates-'));
  project.provide('coopTemplates', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
