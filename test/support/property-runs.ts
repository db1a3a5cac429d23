// How many cases a property test tries: all of them under CI, a tenth on a developer's machine, or as many as COOP_PROPERTY_RUNS says.

/**
 * fast-check's parameters for a property whose full run count is `full`. With COOP_PROPERTY_RUNS set
 * to a whole number, every property tries that many cases; else a run with CI set (CI=true, as CI
 * services and .ci/run set it) tries the full count, and any other run a tenth of it (at least 10),
 * so that a local `npm test` stays quick while CI keeps searching hard.
 */
export function propertyRuns(full: number): { numRuns: number } {
  const asked = process.env.COOP_PROPERTY_RUNS;
  if (asked !== undefined && asked !== '') {
    const runs = Number(asked);
    if (!Number.isInteger(runs) || runs < 1) {
      throw new Error(`COOP_PROPERTY_RUNS=${asked} is not a number of runs: give a whole number such as 1000, or leave it unset.`);
    }
    return { numRuns: runs };
  }
  return { numRuns: process.env.CI ? full : Math.min(full, Math.max(10, Math.ceil(full / 10))) };
}
