// Writes a large, deterministic, schema-valid synthetic governance state for the benchmarks, and commits it.
// Over 400 lines on purpose: one generator per file kind, kept together so the whole synthetic state is read in one place.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seeded } from './random.ts';

export interface GenerateOptions {
  members: number;
  months: number;
  seed?: number;
}

export interface GenerateStats {
  files: number;
  /** Contribution entries, over all months and people. */
  entries: number;
  bytes: number;
}

/** Bump when the output of generateState changes, so reused states are regenerated. */
export const GENERATOR_VERSION = 1;

/** The last month of contributions; the months run backwards from here. */
const LAST_MONTH = { year: 2026, month: 10 };

const CIRCLES = ['care', 'tech', 'translation', 'outreach', 'finance'] as const;
const STREAMS = ['livelihood', 'love', 'care'] as const;
const PROPOSAL_RULES = ['lazy-majority', 'consent', 'supermajority', 'unanimous'] as const;
/** Tiers innermost first, with the share of people in each. */
const TIER_SHARES = [
  ['member', 0.3],
  ['dater', 0.1],
  ['contributor', 0.35],
  ['supporter', 0.25],
] as const;
type TierId = (typeof TIER_SHARES)[number][0];

const FIRST_NAMES = [
  'Ana',
  'Bob',
  'Carol',
  'Dan',
  'Eva',
  'Femi',
  'Gita',
  'Hugo',
  'Iris',
  'Jon',
  'Kemi',
  'Lars',
  'Maya',
  'Nico',
  'Olu',
  'Paz',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Vera',
  'Wes',
  'Xóchitl',
  'Yara',
  'Zoë',
  'José',
  'Björn',
  'Chiara',
  'Dário',
  'Elif',
  'Fatima',
  'Greta',
  'Hana',
  'Inés',
  'Jamal',
  'Kai',
  'Lucía',
  'Mateo',
  'Noor',
  'Omar',
  'Priya',
  'Rafael',
  'Sofía',
  'Timo',
  'Ulla',
  'Vikram',
  'Wanjiru',
  'Yusuf',
  'Zeynep',
];
const LAST_NAMES = [
  'Costa',
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Tanaka',
  'Silva',
  'Novak',
  'García',
  'Kowalski',
  'Nakamura',
  'Haddad',
  'Mensah',
  'Rossi',
  'Fischer',
  'Petrova',
  'Andersen',
  'Oliveira',
  'Dubois',
  'Yilmaz',
  'Kim',
  'Nguyen',
  'Schmidt',
  'Ibáñez',
  'Ferreira',
  'Olsen',
  'Mbeki',
  'Horvath',
  'Laine',
  'Santos',
  'Byrne',
  'Vasquez',
  'Ahmed',
  'Berg',
  'Conti',
  'Delgado',
  'Eriksen',
  'Fontaine',
  'Gallo',
  'Hughes',
  'Ito',
  'Jensen',
  'Kaur',
  'Lopes',
  'Marín',
  'Nieminen',
  'Ortiz',
  'Park',
  'Quispe',
  'Reyes',
  'Sato',
];

const WORK: Record<(typeof STREAMS)[number], readonly string[]> = {
  livelihood: [
    'Client brochure, part',
    'Translation batch',
    'Annual report proofs, ch.',
    'Booking form, milestone',
    'Documentary subtitles, reel',
    'Client workshop',
    'Support ticket',
    'App strings, batch',
    'Grant report, draft',
  ],
  love: [
    'Reviewed pull request',
    'Commons article',
    'Search indexer, issue',
    'Docs page',
    'Forum answers, thread',
    'Issue triage, round',
    'Exporter refactor, step',
    'Wiki guide, section',
    'Release build',
    'Accessibility tests',
  ],
  care: [
    'Onboarding call',
    'Circle meeting',
    'Mentoring a dater, week',
    'Bookkeeping, batch',
    'Wellbeing round',
    'Assembly facilitation',
    'Quarterly review, part',
    'Chat moderation, shift',
    'Shared inbox, batch',
  ],
};

const PROPOSAL_VERBS = ['Adopt', 'Trial', 'Fund', 'Start', 'Review', 'Document', 'Retire', 'Extend', 'Publish', 'Pilot'];
const PROPOSAL_OBJECTS = [
  'a care-work rate of 25 credits an hour',
  'a shared translation glossary',
  'a solidarity fund for daters',
  'the four-day work week',
  'a code of conduct update',
  'monthly open assemblies',
  'a new outreach circle',
  'the carbon budget for travel',
  'a mentoring rota',
  'the libre font licence',
  'a quarterly retrospective',
  'a hosting co-op partnership',
  'the annual commons report',
  'an accessibility audit',
];

const STATEMENTS = [
  'I keep our translation workflow running and mentor one dater.',
  'I look after the books and the monthly distribution.',
  'I maintain the web platform and review outside contributions.',
  'I facilitate the assemblies and keep the minutes.',
  'I coordinate outreach to sister cooperatives.',
  'I answer the shared inbox and welcome newcomers.',
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** The `count` months ending with LAST_MONTH, oldest first. */
function monthsEnding(count: number): { year: number; month: number; key: string }[] {
  const out = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = LAST_MONTH.year * 12 + (LAST_MONTH.month - 1) - i;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    out.push({ year, month, key: `${year}-${pad(month)}` });
  }
  return out;
}

interface Person {
  handle: string;
  name: string;
  tier: TierId;
}

function constitutionYaml(): string {
  return `# A DisCO-style constitution, generated for the benchmarks.
version: 1
name: Synthetic Disco Cooperative
branch: main
tiers:
  - id: member
    label: Member
    rights: [vote, propose]
    description: Committed members with full rights.
  - id: dater
    label: Dater
    rights: [vote-advisory, propose]
    stages: 3
    description: Exploring commitment, in three stages of about three months.
  - id: contributor
    label: Contributor
    rights: [propose]
  - id: supporter
    label: Supporter
    rights: []
circles:
${CIRCLES.map((c) => `  ${c}:\n    label: ${c[0]!.toUpperCase()}${c.slice(1)}\n    description: The ${c} circle.`).join('\n')}
decisions:
  supermajority:
    method: majority
    voters: [member]
    threshold: 0.6667
    quorum: 0.6667
    min_days: 7
    max_days: 30
    description: Changes to the constitution.
  unanimous:
    method: unanimous
    voters: [member]
    min_days: 3
    allow_abstain: true
  consent:
    method: consent
    voters: [member]
    min_yes: 2
    min_days: 3
  lazy-majority:
    method: lazy-majority
    voters: [member]
    min_days: 3
policy:
  - change: constitution.change
    rule: supermajority
  - change: [member.add, member.tier]
    self: true
    tier: [supporter, contributor]
    rule: none
  - change: [member.add, member.tier]
    tier: [supporter, contributor]
    rule: lazy-majority
  - change: [member.add, member.tier]
    tier: dater
    rule: consent
  - change: [member.add, member.tier]
    tier: member
    rule: unanimous
  - change: member.tier
    self: true
    direction: outward
    rule: none
  - change: member.remove
    self: true
    rule: none
  - change: [member.remove, member.tier]
    rule: unanimous
  - change: member.update
    self: true
    rule: none
  - change: member.update
    rule: consent
  - change: commitment.*
    self: true
    rule: none
  - change: commitment.*
    rule: consent
  - change: contribution.add
    self: true
    rule: none
  - change: contribution.*
    rule: lazy-majority
  - change: proposal.add
    rule: as-proposed
  - change: proposal.*
    rule: lazy-majority
  - change: decision.*
    rule: forbidden
    note: Decision records are written by the record action only.
  - paths: [LICENSE, '.github/**']
    rule: supermajority
default: supermajority
proposals:
  rules: [${PROPOSAL_RULES.join(', ')}]
  default: lazy-majority
value:
  currency: EUR
  streams:
    livelihood:
      credits_per_hour: 25
      label: Livelihood
      paid: true
    love:
      credits_per_hour: 25
      label: Love
    care:
      credits_per_hour: 25
      label: Care
  dating_rates:
    '1': 0
    '2': 0.5
    '3': 0.75
  split:
    - streams: [livelihood]
      share: 0.75
    - streams: [love, care]
      share: 0.25
commitments:
  minimum:
    member:
      love: { credits: 400 }
    dater:
      love: { credits: 200 }
lifecycle:
  inactive_days: 180
  inward_days: 90
  inward_credits: 2000
  stage_days: 90
`;
}

/**
 * Writes a synthetic governance state into `dir/governance/` (replacing any there): a DisCO-style
 * constitution, `members` people spread over its tiers, a commitment for each, a contributions file
 * for each person for each of `months` months ending 2026-10, and one proposal per person.
 */
export function generateState(dir: string, opts: GenerateOptions): GenerateStats {
  const { int, pick, chance } = seeded(opts.seed ?? 1);
  const date = (year: number, month: number) => `${year}-${pad(month)}-${pad(int(1, daysIn(year, month)))}`;

  const root = join(dir, 'governance');
  rmSync(root, { recursive: true, force: true });
  const stats: GenerateStats = { files: 0, entries: 0, bytes: 0 };
  const write = (path: string, text: string) => {
    writeFileSync(join(root, path), text);
    stats.files++;
    stats.bytes += Buffer.byteLength(text);
  };
  for (const folder of ['members', 'commitments', 'proposals']) mkdirSync(join(root, folder), { recursive: true });

  write('constitution.yaml', constitutionYaml());

  // People: tiers in fixed shares, so every tier is present whatever the count.
  const people: Person[] = [];
  const taken = new Set<string>();
  let boundary = 0;
  const tierAt = TIER_SHARES.map(([tier, share]) => ((boundary += share), [tier, boundary] as const));
  for (let i = 0; i < opts.members; i++) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const base = ascii(`${first}-${last}`).toLowerCase();
    let handle = base;
    for (let n = 2; taken.has(handle); n++) handle = `${base}-${n}`;
    taken.add(handle);
    const position = (i + 0.5) / opts.members;
    const tier = (tierAt.find(([, upTo]) => position < upTo) ?? tierAt[tierAt.length - 1]!)[0];
    people.push({ handle, name: `${first} ${last}`, tier });
  }
  const members = people.filter((p) => p.tier === 'member');

  for (const [i, p] of people.entries()) {
    const since = p.tier === 'member' ? date(int(2019, 2025), int(1, 12)) : p.tier === 'dater' ? date(2025, int(1, 12)) : date(int(2024, 2026), int(1, 9));
    const lines = [`name: ${p.name}`, `tier: ${p.tier}`, `since: ${since}`];
    if (chance(0.5)) lines.push(`github: ${ascii(p.name).replace(/ /g, '')}${i}`);
    if (chance(0.6)) lines.push(`emails: [${ascii(p.handle).replace('-', '.')}@example.org]`);
    if (p.tier === 'dater') lines.push(`dating: { stage: ${int(1, 3)}, since: ${date(2026, int(1, 10))} }`);
    if (p.tier === 'member' || p.tier === 'dater' || chance(0.3)) {
      const circles = CIRCLES.filter(() => chance(0.3));
      if (circles.length > 0) {
        lines.push('circles:', ...circles.map((c) => `  ${c}: ${p.tier === 'member' && chance(0.2) ? 'steward' : 'member'}`));
      }
    }
    if ((p.tier === 'dater' || (p.tier === 'contributor' && chance(0.3))) && members.length > 0) {
      const mentor = pick(members);
      if (mentor.handle !== p.handle) lines.push(`mentor: ${mentor.handle}`);
    }
    lines.push(`status: ${chance(0.05) ? 'sabbatical' : 'active'}`);
    write(`members/${p.handle}.yaml`, `${lines.join('\n')}\n`);
  }

  // Commitments: the four quarters of 2026, each signed around its start.
  for (const p of people) {
    const lines = [`statement: ${pick(STATEMENTS)}`, 'periods:'];
    for (let q = 1; q <= 4; q++) {
      const firstMonth = q * 3 - 2;
      const signed = chance(0.3) && q > 1 ? date(2026, firstMonth - 1) : date(2026, firstMonth);
      const love = p.tier === 'member' ? int(16, 30) * 25 : int(4, 16) * 25;
      lines.push(`  - quarter: 2026-Q${q}`, `    pledge: { love: { credits: ${love} }, care: { hours: ${int(4, 40)} } }`, `    signed: ${signed}`);
      if (chance(0.1)) lines.push(`    note: Reduced hours in week ${int(1, 13)} of the quarter.`);
    }
    write(`commitments/${p.handle}.yaml`, `${lines.join('\n')}\n`);
  }

  // Contributions: every person, every month, three to seven entries in date order.
  let pr = 1;
  for (const m of monthsEnding(opts.months)) {
    mkdirSync(join(root, 'contributions', m.key), { recursive: true });
    const days = daysIn(m.year, m.month);
    for (const p of people) {
      const count = int(3, 7);
      const dayList = Array.from({ length: count }, () => int(1, days)).sort((a, b) => a - b);
      const lines = ['entries:'];
      for (const day of dayList) {
        const stream = p.tier === 'member' || p.tier === 'dater' ? pick(STREAMS) : pick(['love', 'care'] as const);
        lines.push(`  - date: ${m.key}-${pad(day)}`, `    stream: ${stream}`);
        if (stream === 'livelihood' && chance(0.3)) {
          lines.push(`    credits: ${int(2, 40) * 25}`);
        } else {
          lines.push(`    hours: ${int(1, 32) / 4}`);
        }
        lines.push(`    what: ${pick(WORK[stream])} ${int(1, 400)}`);
        if (chance(0.15)) lines.push(`    link: https://git.example.org/coop/pull/${pr++}`);
      }
      stats.entries += count;
      write(`contributions/${m.key}/${p.handle}.yaml`, `${lines.join('\n')}\n`);
    }
  }

  // Proposals: one per person, numbered from 0001, each by an existing person.
  for (let i = 0; i < people.length; i++) {
    const title = `${pick(PROPOSAL_VERBS)} ${pick(PROPOSAL_OBJECTS)}`;
    const slug = ascii(title)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40)
      .replace(/-$/, '');
    const author = pick(people).handle;
    const lines = [
      `title: ${title}`,
      `author: ${author}`,
      `decision: ${pick(PROPOSAL_RULES)}`,
      'summary: |',
      `  ${author} proposes to ${title.toLowerCase()}.`,
      `  It was discussed in assembly ${int(1, 120)} and in the ${pick(CIRCLES)} circle;`,
      '  the costs come from the commons budget and are reviewed after one quarter.',
    ];
    if (chance(0.4)) lines.push('links:', `  - https://forum.synthetic-coop.example/t/${int(100, 9999)}`);
    write(`proposals/${pad(i + 1, 4)}-${slug}.yaml`, `${lines.join('\n')}\n`);
  }
  return stats;
}

/** Git settings that make the commit independent of the user's and the system's configuration. */
const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_DATE: '2026-11-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-11-01T00:00:00Z',
};

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-c', 'gc.auto=0', '-c', 'maintenance.auto=false', '-c', 'core.hooksPath=/dev/null', ...args], {
    cwd: dir,
    env: GIT_ENV,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }).trim();
}

/**
 * Makes `dir` a fresh git repository on `main` holding everything in it as one commit, packed as a
 * clone would be, and returns the commit's sha. A repository already there is replaced.
 */
export function commitAll(dir: string): string {
  rmSync(join(dir, '.git'), { recursive: true, force: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Cooperage Bench']);
  git(dir, ['config', 'user.email', 'bench@cooperage.invalid']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--no-verify', '-m', 'Synthetic governance state']);
  git(dir, ['repack', '-adq']);
  return git(dir, ['rev-parse', 'HEAD']);
}
