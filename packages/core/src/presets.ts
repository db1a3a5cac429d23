// The preset constitutions `coop init --preset` writes: disco, radial and minimal, as commented YAML text.

export type PresetName = 'disco' | 'radial' | 'minimal';

export const presetNames: readonly PresetName[] = ['disco', 'radial', 'minimal'];

const disco = `# yaml-language-server: $schema=https://cooperage.dev/schemas/constitution.schema.json
#
# The constitution of a DisCO-style cooperative (Distributed Cooperative Organisation).
#
# This one file holds your collective's rules: who takes part and with which rights,
# how a decision is taken, which decision each kind of change needs, and how work is
# valued. Every change to governance/ is a pull request; the policy below says which
# rule that pull request must pass before it may be merged.
#
# The numbers and names here are a starting point taken from the DisCO model. Change
# them to fit how you really work -- by a pull request that passes the supermajority
# rule (it is checked under the old rules and under the new ones).

version: 1
# name: Our Cooperative        # your collective's name, shown in reports
# branch: main                 # the branch whose history is the record; main by default

# ---------------------------------------------------------------------------------
# Tiers: the continuum people move along, innermost (most committed) first.
# Everyone has one file in governance/members/ that names their tier.
#   vote           a binding vote on the rules that list the tier as voters
#   vote-advisory  a vote that is counted and shown, but does not decide
#   propose        may open proposals
# ---------------------------------------------------------------------------------
tiers:
  - id: member
    label: Member
    rights: [vote, propose]
    description: >-
      Committed members. They renew a commitment every quarter, take part in every
      decision and share in the collective's income and its care work.
  - id: dater
    label: Dater
    stages: 3
    rights: [vote-advisory, propose]
    description: >-
      People "dating" the collective on their way to membership: usually nine months in
      three stages of about three months, each with a mentor. Their paid work is paid at
      the reduced rates under value.dating_rates while they find their feet.
  - id: contributor
    label: Contributor
    rights: [propose]
    description: >-
      People who contribute now and then, paid or pro bono, without a standing
      commitment. They may propose, and may log their work.
  - id: supporter
    label: Supporter
    rights: []
    description: >-
      Friends of the collective who follow and support its work. No obligations.

# Working circles, each looked after by one or more stewards. People name the circles
# they take part in (as steward or member) in their member file. Rename these freely.
circles:
  care:
    label: Care
    description: Meetings, mentoring, bookkeeping, wellbeing -- the work that keeps us going.
  tech:
    label: Tech
    description: Our tools and infrastructure, and the software we build for clients and the commons.
  translation:
    label: Translation
    description: Translation, editing and proofreading, paid and pro bono.

# ---------------------------------------------------------------------------------
# Decision rules. A pull request that needs a rule is decided by the votes of the
# rule's voters (tiers with the vote right; those with vote-advisory are shown only).
# Vote on GitHub by approving a review (yes), requesting changes (block), or with a
# comment whose first line is: /vote yes|no|abstain|block [reason]
#   lazy-majority  after min_days: passes with no block and at least as many yes as no
#   consent        after min_days: passes with no block and at least min_yes yes votes
#   majority       yes/(yes+no) >= threshold, and enough voters took part (quorum)
#   unanimous      every eligible voter voted yes (the person concerned stands aside)
# Other parameters you may add to a rule: max_days (decide on the votes it has after
# that many days), close_early (decide as soon as everyone has voted),
# reset_on_change (count only votes cast after the last change to the pull request),
# allow_abstain (unanimous: let an abstention pass).
# ---------------------------------------------------------------------------------
decisions:
  supermajority:
    method: majority
    threshold: 0.6667
    quorum: 0.6667
    min_days: 7
    voters: [member]
    description: Two thirds of the votes cast, with two thirds of the members taking part, after a week.
  majority:
    method: majority
    threshold: 0.5
    quorum: 0.5
    min_days: 3
    voters: [member]
    description: More yes than no, with half of the members taking part, after three days.
  unanimous:
    method: unanimous
    min_days: 3
    voters: [member]
    description: Every member says yes, except the person the change is about.
  consent:
    method: consent
    min_yes: 2
    min_days: 3
    voters: [member]
    description: Two members say yes and nobody blocks, after three days.
  lazy-majority:
    method: lazy-majority
    min_days: 3
    voters: [member]
    description: Silence is support. After three days it passes unless someone blocks or more say no than yes.

# ---------------------------------------------------------------------------------
# Policy: which rule each change needs. The entries are read from the top, and the
# first one that matches a change decides. When one pull request makes several
# changes, every rule they need must pass.
#   change     the kind of change (member.add, member.tier, commitment.*, ...)
#   paths      instead of change: other files of the repository, by glob
#   self       true when the person opening the pull request is the one the change is about
#   tier       the tier(s) the person is in after the change; from: before it
#   direction  for member.tier: inward (towards member) or outward
#   rule       a rule above, or: none (merge freely), forbidden (never),
#              as-proposed (the rule the proposal names in its decision field)
# ---------------------------------------------------------------------------------
policy:
  - change: constitution.change
    rule: supermajority
    note: Our rules bind everyone, so changing them takes two thirds of the members.
  - change: decision.*
    rule: forbidden
    note: Decision records are written by the record action when a pull request is merged, and never edited.

  # Moving along the continuum, and leaving
  - change: member.tier
    self: true
    direction: outward
    rule: none
    note: Anyone may step back to a looser tier whenever they need to.
  - change: member.remove
    self: true
    rule: none
    note: Anyone may leave. We will miss you.
  - change: member.remove
    rule: unanimous
    note: Removing someone else needs every other member's yes; the person concerned stands aside.
  - change: member.tier
    direction: outward
    rule: unanimous
    note: Moving someone else outward is as serious as removing them, so it needs every other member.
  - change: [member.add, member.tier]
    tier: member
    rule: unanimous
    note: A new member joins by the unanimous consent of the members.
  - change: [member.add, member.tier]
    tier: dater
    rule: consent
    note: Starting to date the collective needs two members who say yes, and no block.
  - change: [member.add, member.tier]
    tier: [supporter, contributor]
    self: true
    rule: none
    note: The outer rings are open. Anyone may add themselves as a supporter or contributor.
  - change: [member.add, member.tier]
    tier: [supporter, contributor]
    rule: lazy-majority
    note: Adding someone else to the outer rings passes unless a member objects.
  - change: member.update
    self: true
    rule: none
    note: Your own details (name, logins, circles) are yours to keep up to date.
  - change: member.update
    rule: consent
    note: Changing someone else's file, such as a dating stage or a mentor, needs two members' yes.

  # Commitments and the work we log
  - change: commitment.*
    self: true
    rule: none
    note: You write and renew your own commitment.
  - change: commitment.*
    rule: consent
    note: Someone else's commitment is theirs; changing it needs two members' yes.
  - change: contribution.add
    self: true
    rule: none
    note: Log your own work freely.
  - change: contribution.add
    rule: lazy-majority
    note: Logging work for someone else passes unless a member objects.
  - change: [contribution.update, contribution.remove]
    rule: lazy-majority
    note: Corrections to logged work, yours or anyone's, stay open a few days for others to see.

  # Proposals: decisions that change no other file
  - change: proposal.add
    rule: as-proposed
    note: A proposal is decided by the rule it names in its decision field (lazy-majority if it names none).
  - change: [proposal.update, proposal.remove]
    rule: lazy-majority
    note: Editing or withdrawing a proposal stays open a few days for others to see.

  # Other files of the repository
  - paths: [LICENSE, ".github/**"]
    rule: supermajority
    note: The licence and the workflows that enforce these rules are as weighty as the rules themselves.

# A change that no entry above matches needs this rule.
default: supermajority

# The rules a proposal (governance/proposals/NNNN-slug.yaml) may choose in its decision
# field, and the one it gets when it names none. A payout (coop payout --write) moves
# money, so it needs consent whatever it names; a ratification (a proposal whose
# ratifies: lists commits that landed without a decision) needs a supermajority.
proposals:
  rules: [lazy-majority, consent, majority, supermajority, unanimous]
  default: lazy-majority
  payouts: consent
  ratifications: supermajority

# ---------------------------------------------------------------------------------
# Value tracking (optional). Work is logged in governance/contributions/<YYYY-MM>/<handle>.yaml
# in one of three streams, in hours (converted at credits_per_hour) or credits.
# One credit is one unit of the currency.
# ---------------------------------------------------------------------------------
value:
  currency: EUR
  streams:
    livelihood:
      label: Livelihood (paid work)
      credits_per_hour: 25
      paid: true
    love:
      label: Love (pro-bono work for the commons)
      credits_per_hour: 25
      paid: false
    care:
      label: Care (meetings, mentoring, admin, wellbeing)
      credits_per_hour: 25
      paid: false
  # The share of the full rate a dater's paid work is paid at, by dating stage.
  dating_rates:
    "1": 0
    "2": 0.5
    "3": 0.75
  # How each month's available money is shared out, in order: first paid work,
  # then pro-bono and care credits. Credits not paid stay owed to the person.
  split:
    - streams: [livelihood]
      share: 0.75
    - streams: [love, care]
      share: 0.25

# Commitments (optional). Members and daters renew a pledge every quarter in
# governance/commitments/<handle>.yaml; these are the least a pledge may be, per quarter.
commitments:
  minimum:
    member:
      love: { credits: 400 }
    dater:
      love: { credits: 200 }

# Lifecycle (optional). Suggestions shown in reports, never automatic changes.
lifecycle:
  inactive_days: 180    # no logged work for this long: time to talk about stepping back
  inward_days: 270      # this long in a tier: may be proposed for the next tier inward...
  inward_credits: 1200  # ...or after earning this many credits in it
  stage_days: 90        # a dating stage usually lasts about three months
`;

const radial = `# yaml-language-server: $schema=https://cooperage.dev/schemas/constitution.schema.json
#
# The constitution of a "radial" libre project: a core that looks after the project,
# members who share its decisions, and rings of contributors and friends around them.
#
# This one file holds the project's rules: who takes part and with which rights, how a
# decision is taken, and which decision each kind of change needs. Every change to
# governance/ is a pull request; the policy below says which rule it must pass.
# There is no value tracking here: nobody has to log their hours.
#
# Change these rules by a pull request that passes the majority rule (it is checked
# under the old rules and under the new ones).

version: 1
# name: Our Project            # the project's name, shown in reports
# branch: main                 # the branch whose history is the record; main by default

# ---------------------------------------------------------------------------------
# Tiers: the rings of the project, innermost first. Everyone has one file in
# governance/members/ that names their ring.
#   vote     a binding vote on the rules that list the tier as voters
#   propose  may open proposals
# ---------------------------------------------------------------------------------
tiers:
  - id: core
    label: Core
    rights: [vote, propose]
    description: >-
      The people who look after the project day to day: releases, infrastructure,
      security and stewardship of the community.
  - id: member
    label: Member
    rights: [vote, propose]
    description: >-
      Regular contributors who share in the project's decisions.
  - id: contributor
    label: Contributor
    rights: [propose]
    description: >-
      Anyone who contributes code, translations, documentation, design or support.
  - id: friend
    label: Friend
    rights: []
    description: >-
      Users, sponsors and well-wishers who want to be counted and kept in the loop.

# ---------------------------------------------------------------------------------
# Decision rules. Vote on GitHub by approving a review (yes), requesting changes
# (block), or with a comment whose first line is: /vote yes|no|abstain|block [reason]
#   lazy-majority  after min_days: passes with no block and at least as many yes as no
#   consent        after min_days: passes with no block and at least min_yes yes votes
#   majority       yes/(yes+no) >= threshold, and enough voters took part (quorum)
# Other parameters you may add: max_days, close_early, reset_on_change.
# ---------------------------------------------------------------------------------
decisions:
  lazy-majority:
    method: lazy-majority
    min_days: 3
    voters: [core, member]
    description: Silence is support. After three days it passes unless someone blocks or more say no than yes.
  majority:
    method: majority
    threshold: 0.5
    quorum: 0.3
    min_days: 5
    voters: [core, member]
    description: More yes than no, with at least three in ten of core and members taking part, after five days.
  core-consent:
    method: consent
    min_yes: 2
    min_days: 3
    voters: [core]
    description: Two of the core say yes and none of them blocks.

# ---------------------------------------------------------------------------------
# Policy: which rule each change needs. The first entry that matches a change decides.
#   change     the kind of change (member.add, member.tier, proposal.add, ...)
#   paths      instead of change: other files of the repository, by glob
#   self       true when the person opening the pull request is the one the change is about
#   tier       the tier(s) the person is in after the change; from: before it
#   direction  for member.tier: inward (towards core) or outward
#   rule       a rule above, or: none (merge freely), forbidden (never),
#              as-proposed (the rule the proposal names in its decision field)
# ---------------------------------------------------------------------------------
policy:
  - change: constitution.change
    rule: majority
    note: Changing the project's rules takes a real vote of core and members.
  - change: decision.*
    rule: forbidden
    note: Decision records are written by the record action on merge, and never edited.

  # Moving between the rings, and leaving
  - change: member.tier
    self: true
    direction: outward
    rule: none
    note: Anyone may step back to a looser ring whenever they like.
  - change: member.remove
    self: true
    rule: none
    note: Anyone may leave. Thank you for everything.
  - change: member.remove
    rule: majority
    note: Removing someone else is rare and serious, so it takes a real vote.
  - change: member.tier
    direction: outward
    rule: majority
    note: Moving someone else outward takes the same vote as removing them.
  - change: [member.add, member.tier]
    tier: core
    rule: core-consent
    note: Joining the core needs two of the core to say yes, and none to block.
  - change: [member.add, member.tier]
    tier: member
    rule: lazy-majority
    note: Becoming a member passes unless someone objects.
  - change: [member.add, member.tier]
    tier: [friend, contributor]
    self: true
    rule: none
    note: The outer rings are open. Add yourself as a friend or contributor.
  - change: [member.add, member.tier]
    tier: [friend, contributor]
    rule: lazy-majority
    note: Adding someone else passes unless someone objects.
  - change: member.update
    self: true
    rule: none
    note: Your own details are yours to keep up to date.
  - change: member.update
    rule: lazy-majority
    note: Changing someone else's file passes unless someone objects.

  # Proposals: decisions that change no other file
  - change: proposal.add
    rule: as-proposed
    note: A proposal is decided by the rule it names in its decision field (lazy-majority if it names none).
  - change: [proposal.update, proposal.remove]
    rule: lazy-majority
    note: Editing or withdrawing a proposal stays open a few days for others to see.

  # Other files of the repository
  - paths: [LICENSE, COPYING, ".github/**"]
    rule: majority
    note: Relicensing, or changing the workflows that enforce these rules, takes a real vote.

# A change that no entry above matches needs this rule.
default: lazy-majority

# The rules a proposal (governance/proposals/NNNN-slug.yaml) may choose in its decision
# field, and the one it gets when it names none.
proposals:
  rules: [lazy-majority, majority]
  default: lazy-majority
`;

const minimal = `# yaml-language-server: $schema=https://cooperage.dev/schemas/constitution.schema.json
#
# A minimal constitution: one tier of members, and one rule -- a majority vote.
# Every change to governance/ is a pull request that passes that vote, unless the
# policy below says otherwise. Grow it when you need to: add tiers, rules and
# policy entries (see the disco and radial presets for fuller examples).

version: 1
# name: Our Project            # the project's name, shown in reports
# branch: main                 # the branch whose history is the record; main by default

# Everyone has one file in governance/members/, and every member votes and proposes.
tiers:
  - id: member
    label: Member
    rights: [vote, propose]

# The one rule. Vote on GitHub by approving a review (yes), requesting changes
# (block), or with a comment whose first line is: /vote yes|no|abstain|block [reason]
decisions:
  majority:
    method: majority
    threshold: 0.5     # more yes than no
    quorum: 0.5        # and at least half of the members took part
    min_days: 2        # open at least two days
    description: More yes than no, with half of the members taking part, after two days.

# Which rule each change needs; the first entry that matches decides.
# rule may be a rule above, none (merge freely) or forbidden (never).
policy:
  - change: decision.*
    rule: forbidden
    note: Decision records are written by the record action on merge, and never edited.
  - change: member.remove
    self: true
    rule: none
    note: Anyone may leave.

# Everything else needs a majority.
default: majority
`;

export const presets: Record<PresetName, { description: string; constitution: string }> = {
  disco: {
    description:
      'A DisCO cooperative: member > dater (3 stages) > contributor > supporter, only members vote; unanimous admission, consent for daters, lazy majority by default for everyday work, value tracking in livelihood, love and care streams, quarterly commitments.',
    constitution: disco,
  },
  radial: {
    description:
      'A loose libre project: core > member > contributor > friend; lazy majority for most things, a majority vote for the rules, core consent to join the core; no value tracking.',
    constitution: radial,
  },
  minimal: {
    description: 'One tier of members and one rule, a majority vote, for everything.',
    constitution: minimal,
  },
};
