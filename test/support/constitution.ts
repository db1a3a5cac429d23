// The smallest constitution, shared by the tests that break other files: one tier of members who decide everything by consent.

/** One tier (member, with the vote), one rule (consent, one yes), every change under it. */
export const consentConstitution = `tiers:
  - { id: member, label: Member, rights: [vote, propose] }
decisions:
  consent: { method: consent, min_yes: 1 }
policy:
  - { change: "*.*", rule: consent }
default: consent
`;
