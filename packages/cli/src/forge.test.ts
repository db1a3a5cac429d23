// The repository coop audit --forge reads, from the URL of a git remote.
import { describe, expect, it } from 'vitest';
import { slugOf } from './forge.ts';

describe('slugOf', () => {
  it.each([
    ['https://github.com/commons/garden', 'commons/garden'],
    ['https://github.com/commons/garden.git', 'commons/garden'],
    ['https://github.com/commons/garden/', 'commons/garden'],
    ['https://x-access-token:abc@github.com/commons/garden.git', 'commons/garden'],
    ['git@github.com:commons/garden.git', 'commons/garden'],
    ['git@github.com:commons/garden', 'commons/garden'],
    ['ssh://git@github.com/commons/garden.git', 'commons/garden'],
    ['ssh://git@github.com:22/commons/garden.git', 'commons/garden'],
    ['https://git.example.coop/commons/garden.git', 'commons/garden'],
    ['git@git.example.coop:commons/garden.git', 'commons/garden'],
    ['https://github.com/Commons-Org/garden.site.git', 'Commons-Org/garden.site'],
  ])('%s is %s', (url, slug) => {
    expect(slugOf(url)).toBe(slug);
  });

  it.each(['/tmp/coop-remote-x', '../garden.git', 'https://github.com/garden', 'file:///srv/git/garden', 'not a url'])('%s names no repository', (url) => {
    // A folder or a file URL is a copy on disk, not a forge's repository.
    expect(slugOf(url)).toBeUndefined();
  });
});
