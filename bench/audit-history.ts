// Makes the governed history the coop audit cases replay: the large synthetic state, then thousands of small pull requests, each landed and recorded, written by git fast-import.
//
// Run directly (tsx bench/audit-history.ts DIR OPTIONS-JSON) it writes the history into DIR; the bench
// calls `auditHistory`, which reuses a history made with the same options or makes one in a child process.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { commitAll, generateState, GENERATOR_VERSION } from './generate.ts';
import { seeded } from './random.ts';

export interface AuditHistoryOptions {
  members: number;
  months: number;
  seed: number;
  /** Pull requests after the genesis, each landed as one commit and followed by its record's commit. */
  pulls: number;
}

export interface AuditHistory {
  dir: string;
  tip: string;
  /** First-parent commits from the genesis to the tip, the genesis included. */
  commits: number;
  /** How many pull requests needed a vote (and how many votes their records hold), to show the records are real. */
  voted: number;
  votes: number;
}

/** Bump when the histories written change, so cached ones are made again. */
export const AUDIT_HISTORY_VERSION = 1;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HOUR = 3600;
const DAY = 24 * HOUR;
/** The genesis is committed at 2026-11-01; the pull requests land from the next day, ten minutes apart. */
const FIRST_LANDING = Date.parse('2026-11-02T00:00:00Z') / 1000;

/** The folder a history with these options is kept in, under `work`. */
export function auditHistoryDir(work: string, o: AuditHistoryOptions): string {
  return join(work, `audit-${o.members}x${o.months}-s${o.seed}-p${o.pulls}`);
}

/**
 * The history for these options: the one in bench/.work when it was made with them and is untouched,
 * else a new one (written by a child process, since fast-import is driven asynchronously).
 */
export function auditHistory(work: string, options: AuditHistoryOptions): AuditHistory {
  const dir = auditHistoryDir(work, options);
  const markerFile = `${dir}.params.json`;
  try {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as { version: number; generator: number; options: AuditHistoryOptions; history: AuditHistory };
    const same =
      marker.version === AUDIT_HISTORY_VERSION && marker.generator === GENERATOR_VERSION && JSON.stringify(marker.options) === JSON.stringify(options);
    if (same && git(dir, ['rev-parse', 'HEAD']) === marker.history.tip) return marker.history;
  } catch {
    // No marker or no repository: make it.
  }
  rmSync(markerFile, { force: true });
  if (existsSync(dir)) renameSync(dir, `${dir}.old-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  execFileSync(tsx, [fileURLToPath(import.meta.url), dir, JSON.stringify(options)], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const history = JSON.parse(readFileSync(join(dir, '.git', 'coop-bench-history.json'), 'utf8')) as AuditHistory;
  writeFileSync(markerFile, `${JSON.stringify({ version: AUDIT_HISTORY_VERSION, generator: GENERATOR_VERSION, options, history }, null, 2)}\n`);
  return history;
}

interface Person {
  handle: string;
  login: string;
  tier: string;
  name: string;
}

/** A pull request: who, what it writes, and what its record says about it. */
interface Pull {
  author: Person;
  title: string;
  files: Record<string, string>;
  changes: { kind: string; subject: string; file: string }[];
  rules: string[];
  voters: string[];
}

/** Writes the genesis and the pull requests into `dir` (an empty folder). */
export async function writeAuditHistory(dir: string, options: AuditHistoryOptions): Promise<AuditHistory> {
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const started = performance.now();
  generateState(dir, { members: options.members, months: options.months, seed: options.seed });
  const genesis = commitAll(dir);
  log(
    `audit history: genesis ${genesis.slice(0, 7)} (${options.members} members × ${options.months} months) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const people = readPeople(dir);
  const members = people.filter((p) => p.tier === 'member');
  const months = readdirSync(join(dir, 'governance', 'contributions')).sort();
  const texts = new Map<string, string>();
  const text = (path: string) => texts.get(path) ?? readFileSync(join(dir, path), 'utf8');
  const { next: rand, int, pick } = seeded(options.seed * 7919 + options.pulls);
  const some = <T>(xs: readonly T[], n: number): T[] => {
    const chosen = new Set<T>();
    while (chosen.size < Math.min(n, xs.length)) chosen.add(pick(xs));
    return [...chosen];
  };
  const eligible = members.map((m) => m.handle).sort();

  const importer = fastImport(dir);
  let base = genesis;
  let voted = 0;
  let votes = 0;
  for (let pr = 1; pr <= options.pulls; pr++) {
    const pull = makePull(pr);
    for (const [path, content] of Object.entries(pull.files)) texts.set(path, content);
    const landed = FIRST_LANDING + pr * 600;
    const opened = landed - 5 * DAY;
    const head = await importer.commit({
      author: pull.author,
      time: landed,
      message: `${pull.title} (#${pr})`,
      files: pull.files,
      ...(pr === 1 ? { from: genesis } : {}),
    });
    const recordVotes = pull.voters.map((voter, i) => ({
      voter,
      vote: 'yes',
      at: iso(opened + DAY + i * HOUR),
      source: 'review',
      url: `https://git.example.org/coop/pull/${pr}#review-${i + 1}`,
    }));
    if (pull.rules.length > 0) voted++;
    votes += recordVotes.length;
    const record = [
      `pr: ${pr}`,
      `title: ${JSON.stringify(pull.title)}`,
      `author: ${JSON.stringify(pull.author.login)}`,
      `base: ${base}`,
      `head: ${head}`,
      `commits: [${head}]`,
      'changes:',
      ...pull.changes.map((c) => `  - ${JSON.stringify(c)}`),
      `rules: ${JSON.stringify(pull.rules)}`,
      `opened: ${iso(opened)}`,
      `eligible: ${JSON.stringify(pull.rules.length > 0 ? eligible : [])}`,
      `votes: ${recordVotes.length === 0 ? '[]' : `\n${recordVotes.map((v) => `  - ${JSON.stringify(v)}`).join('\n')}`}`,
      'outcome: passed',
      `decided_at: ${iso(opened + 4 * DAY)}`,
    ].join('\n');
    base = await importer.commit({
      author: { name: 'Cooperage Record', login: 'cooperage-record', handle: '', tier: '' },
      time: landed + 60,
      message: `Record the decision on #${pr}`,
      files: { [`governance/decisions/${pr}.yaml`]: `${record}\n` },
    });
    if (pr % 1000 === 0) log(`audit history: ${pr} of ${options.pulls} pull requests written`);
  }
  await importer.done();
  log('audit history: repacking …');
  git(dir, ['repack', '-adq']);
  const history: AuditHistory = { dir, tip: base, commits: 1 + 2 * options.pulls, voted, votes };
  writeFileSync(join(dir, '.git', 'coop-bench-history.json'), `${JSON.stringify(history)}\n`);
  log(`audit history: ${history.commits} commits, tip ${base.slice(0, 7)}, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return history;

  /**
   * One pull request of a mix like a cooperative's: people logging their own work (no vote), work
   * logged for others and corrections (lazy majority), people updating their own details (no vote),
   * and someone's details changed by a member (consent: two yes votes). One to three files each.
   */
  function makePull(pr: number): Pull {
    const r = rand();
    const entry = (month: string, what: string) =>
      `  - date: ${month}-${String(int(1, 28)).padStart(2, '0')}\n    stream: care\n    hours: ${int(1, 16) / 4}\n    what: ${what}\n`;
    const contributions = (p: Person, month: string) => `governance/contributions/${month}/${p.handle}.yaml`;
    if (r < 0.35) {
      const author = pick(people);
      const files = Object.fromEntries(
        some(months, int(1, 3)).map((m) => [contributions(author, m), `${text(contributions(author, m))}${entry(m, `Logged in pull request ${pr}`)}`]),
      );
      return {
        author,
        title: `Log my work`,
        files,
        changes: Object.keys(files).map((file) => ({ kind: 'contribution.add', subject: author.handle, file })),
        rules: [],
        voters: [],
      };
    }
    if (r < 0.55) {
      const author = pick(members);
      const others = some(
        people.filter((p) => p.handle !== author.handle),
        int(1, 3),
      );
      const files = Object.fromEntries(
        others.map((p) => ((m) => [contributions(p, m), `${text(contributions(p, m))}${entry(m, `Logged for them in pull request ${pr}`)}`])(pick(months))),
      );
      const changes = others.map((p, i) => ({ kind: 'contribution.add', subject: p.handle, file: Object.keys(files)[i]! }));
      return { author, title: 'Log work done for the circle', files, changes, rules: ['lazy-majority'], voters: some(eligible, int(0, 2)) };
    }
    if (r < 0.7) {
      const author = pick(members);
      const targets = some(people, int(1, 3)).map((p) => ({ p, file: contributions(p, pick(months)) }));
      const files = Object.fromEntries(
        targets.map(({ file }) => [file, text(file).replace(/^ {4}what: (.*)$/m, (_, what: string) => `    what: ${what} (corrected in ${pr})`)]),
      );
      const changes = targets.map(({ p, file }) => ({ kind: 'contribution.update', subject: p.handle, file }));
      return { author, title: 'Correct logged work', files, changes, rules: ['lazy-majority'], voters: some(eligible, int(0, 2)) };
    }
    const flip = (file: string) =>
      text(file).replace(/^status: (active|sabbatical)$/m, (_, s: string) => `status: ${s === 'active' ? 'sabbatical' : 'active'}`);
    if (r < 0.85) {
      const author = pick(people);
      const member = `governance/members/${author.handle}.yaml`;
      const files: Record<string, string> = { [member]: flip(member) };
      const changes = [{ kind: 'member.update', subject: author.handle, file: member }];
      if (rand() < 0.5) {
        const commitment = `governance/commitments/${author.handle}.yaml`;
        files[commitment] = text(commitment).replace(/^statement: (.*)$/m, `statement: I renew my commitment, as of pull request ${pr}.`);
        changes.push({ kind: 'commitment.update', subject: author.handle, file: commitment });
      }
      return { author, title: 'Update my details', files, changes, rules: [], voters: [] };
    }
    const author = pick(members);
    const target = pick(people.filter((p) => p.handle !== author.handle));
    const member = `governance/members/${target.handle}.yaml`;
    return {
      author,
      title: `Update the details of ${target.name}`,
      files: { [member]: flip(member) },
      changes: [{ kind: 'member.update', subject: target.handle, file: member }],
      rules: ['consent'],
      voters: some(eligible, int(2, 3)),
    };
  }
}

/** The people of the generated state, from their member files. */
function readPeople(dir: string): Person[] {
  const folder = join(dir, 'governance', 'members');
  return readdirSync(folder)
    .sort()
    .map((file) => {
      const text = readFileSync(join(folder, file), 'utf8');
      const handle = file.slice(0, -'.yaml'.length);
      return {
        handle,
        login: /^github: (.+)$/m.exec(text)?.[1] ?? handle,
        tier: /^tier: (.+)$/m.exec(text)![1]!,
        name: /^name: (.+)$/m.exec(text)![1]!,
      };
    });
}

/** git fast-import on `main`, asked for each commit's id as soon as it is written. */
function fastImport(dir: string) {
  const child = spawn('git', ['-c', 'gc.auto=0', 'fast-import', '--quiet', '--done', '--cat-blob-fd=1'], {
    cwd: dir,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: gitEnv(),
  });
  let buffered = '';
  const waiting: ((line: string) => void)[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl !== -1; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      waiting.shift()?.(line);
    }
  });
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  let mark = 0;
  // `data <bytes>` then the bytes exactly; fast-import allows one newline after them.
  const data = (content: string) => `data ${Buffer.byteLength(content)}\n${content}\n`;
  return {
    async commit(c: { author: Person; time: number; message: string; files: Record<string, string>; from?: string }): Promise<string> {
      mark++;
      const who = `${c.author.name} <${c.author.login}@example.org> ${c.time} +0000`;
      const parts = [`commit refs/heads/main\n`, `mark :${mark}\n`, `author ${who}\n`, `committer ${who}\n`, data(c.message)];
      if (c.from !== undefined) parts.push(`from ${c.from}\n`);
      for (const [path, content] of Object.entries(c.files)) parts.push(`M 100644 inline ${path}\n`, data(content));
      const answer = new Promise<string>((resolve) => waiting.push(resolve));
      child.stdin.write(`${parts.join('')}\nget-mark :${mark}\n`);
      const sha = await answer;
      if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`git fast-import answered "${sha}" for a commit's id`);
      return sha;
    },
    async done(): Promise<void> {
      child.stdin.end('done\n');
      const code = await exited;
      if (code !== 0) throw new Error(`git fast-import failed (exit ${code})`);
    },
  };
}

function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
}

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-c', 'gc.auto=0', ...args], {
    cwd: dir,
    env: gitEnv(),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, json] = process.argv.slice(2);
  if (dir === undefined || json === undefined) {
    process.stderr.write('usage: tsx bench/audit-history.ts DIR \'{"members":1000,"months":24,"seed":1,"pulls":5000}\'\n');
    process.exit(2);
  }
  writeAuditHistory(dir, JSON.parse(json) as AuditHistoryOptions).catch((error: unknown) => {
    process.stderr.write(`audit history: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
