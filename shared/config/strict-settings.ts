// Strict settings: a setting nobody declared is a mistake (usually a typo) that would otherwise be
// ignored in silence while its default stands. `cdk synth` refuses any unknown key in a stage's
// `settings` (infra/stacks/stage-config.ts); `npm start` refuses every environment variable that
// looks like the project's but is not declared (infra/local/start.ts). The rule, for the
// environment (README, Settings):
//   - a name in the family of a declared setting: it begins with the first word of one (`OPENING_`,
//     `LOCAL_`, `EPROC_`, ...), except first words that other tools use too (`MAX_`, `LOG_`, ...);
//   - or a near miss of a declared name (at most 2 edits for names of 10 characters or more, 1 for
//     names of 6 to 9), anywhere;
//   - resource variables (TABLE_*, BUCKET_*, QUEUE_*_URL, KEY_*_ID) are the runtime's, not settings.
// Each refusal names the variable and, when one is close, the declared name it was probably meant as.

/** First words too common elsewhere to claim a whole family by (MAX_OLD_SPACE, LOG_LEVEL, ...). */
const sharedFirstWords = new Set(['MAX', 'MIN', 'LOG', 'TIME', 'PAGE', 'STAGE', 'NODE', 'AWS', 'PATH']);
const resourceVariable = /^(TABLE_[A-Z_]+|BUCKET_[A-Z_]+|QUEUE_[A-Z_]+_URL|KEY_[A-Z_]+_ID)$/;

export interface UnknownSetting {
  readonly name: string;
  /** The declared name it is closest to, if one is close. */
  readonly didYouMean?: string;
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] as number;
}

const allowedEdits = (name: string) => (name.length >= 10 ? 2 : name.length >= 6 ? 1 : 0);

function closest(name: string, declared: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const candidate of declared) {
    const limit = Math.max(allowedEdits(candidate), 0);
    const d = distance(name, candidate, limit);
    if (d <= limit && (!best || d < best.d)) best = { name: candidate, d };
  }
  return best?.name;
}

const unknown = (name: string, declared: readonly string[]): UnknownSetting => {
  const didYouMean = closest(name, declared);
  return didYouMean ? { name, didYouMean } : { name };
};

/** Every key of a stage's `settings` that no schema declares: all of them must be settings. */
export function unknownStageSettings(keys: readonly string[], declared: readonly string[]): UnknownSetting[] {
  const known = new Set(declared);
  return keys.filter((k) => !known.has(k)).map((k) => unknown(k, declared));
}

/** The families a declared name claims: its first word, unless that word is widely shared. */
function familiesOf(declared: readonly string[]): Set<string> {
  const families = new Set<string>();
  for (const name of declared) {
    const first = name.split('_')[0] as string;
    if (name.includes('_') && !sharedFirstWords.has(first)) families.add(`${first}_`);
  }
  return families;
}

/** Every environment variable that looks like the project's (see the rule above) and is not declared. */
export function unknownEnvironmentSettings(
  env: Readonly<Record<string, string | undefined>>,
  declared: readonly string[],
): UnknownSetting[] {
  const known = new Set(declared);
  const families = [...familiesOf(declared)];
  return Object.keys(env)
    .filter((name) => !known.has(name) && !resourceVariable.test(name))
    .filter((name) => families.some((f) => name.startsWith(f)) || closest(name, declared) !== undefined)
    .sort()
    .map((name) => unknown(name, declared));
}

/** One line naming every unknown setting, with the likely intended name where there is one. */
export function describeUnknown(where: string, found: readonly UnknownSetting[]): string {
  const names = found.map((u) => (u.didYouMean ? `${u.name} (did you mean ${u.didYouMean}?)` : u.name));
  return `unknown setting${found.length > 1 ? 's' : ''} ${where}: ${names.join(', ')}; the settings are listed in README.md (Settings)`;
}
