// Reader-facing words for the API's machine values (the API sends `beginner`, `step_or_box`, ...),
// as the package's HTML pages show them in English, and dates in the site's long and short forms.
const DIFFICULTY: Record<string, string> = {
  beginner: "Beginner",
  intermediate: "Intermediate",
  advanced: "Advanced",
};

const EQUIPMENT: Record<string, string> = {
  bodyweight: "Bodyweight",
  dumbbells: "Dumbbells",
  kettlebell: "Kettlebell",
  barbell: "Barbell",
  resistance_band: "Resistance band",
  step_or_box: "Step or box",
  bench: "Bench or chair",
  other: "Other",
};

function readable(value: string): string {
  const words = value.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function difficultyLabel(value: string): string {
  return DIFFICULTY[value] ?? readable(value);
}

export function equipmentLabel(value: string): string {
  return EQUIPMENT[value] ?? readable(value);
}

const REGIONS: Record<string, string> = {
  hip: "Hip",
  thigh: "Thigh",
  lower_leg: "Lower leg and foot",
  trunk: "Trunk",
  upper_body: "Upper body",
};

/** Body regions in the order the package's library lists them. */
export const REGION_ORDER = ["hip", "thigh", "lower_leg", "trunk", "upper_body"];

export function regionLabel(value: string): string {
  return REGIONS[value] ?? readable(value);
}

function parseDate(iso: string): Date | null {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "6 May 2025" (or "6 mai 2025" for French pages). */
export function longDate(iso: string, locale = "en-gb"): string {
  const date = parseDate(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

/** "6 May 2025" with the month abbreviated where the language does ("6 Sept 2025"), as cards show it. */
export function shortDate(iso: string, locale = "en-gb"): string {
  const date = parseDate(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(date);
}

// The hidden heading over an article's tags, in the page's language as Wagtail's page has it (the
// tag names themselves are the API's). Other languages fall back to English.
const TAGS_HEADING: Record<string, string> = { fr: "Mots-clés" };

export function tagsHeading(locale: string | undefined): string {
  const language = (locale ?? "").toLowerCase().split("-")[0] ?? "";
  return TAGS_HEADING[language] ?? "Tags";
}
