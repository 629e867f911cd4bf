// schema.org JSON-LD for an article. The API's article detail carries the structured data the
// package prints on its own page (`meta.json_ld`): that is used as it is, so both print the same.
// Otherwise it is built from the representation's fields in the same structure as
// wagtail_runstrength/seo.py: a MedicalWebPage (reviewer, last review) whose main entity is the
// BlogPosting, with the article's exercises as an ExercisePlan. Built this way it lacks what the API
// does not send (word count, last-modified time, the clinic's logo) and points at the API's renditions.
import { difficultyLabel } from "./labels";
import { defaultLocale, siteName } from "./config";
import { exerciseHref } from "./links";
import type { Article, Block, Clinician, ExerciseItem, Image } from "./types";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

function person(clinician: Clinician | null | undefined): Json | undefined {
  if (!clinician) return undefined;
  return compact({
    "@type": "Person",
    name: clinician.name,
    honorificSuffix: clinician.credentials || undefined,
    // "DPT, OCS": one credential per post-nominal.
    hasCredential: clinician.credentials
      .split(",")
      .map((credential) => credential.trim())
      .filter(Boolean)
      .map((name) => ({ "@type": "EducationalOccupationalCredential", name })),
    jobTitle: clinician.role || undefined,
    description: clinician.bio || undefined,
    url: clinician.profile_url || undefined,
  });
}

function compact(value: { [key: string]: Json | undefined }): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || item === null || item === "" || (Array.isArray(item) && item.length === 0)) continue;
    out[key] = item;
  }
  return out;
}

/** Every exercise the body shows, grouped or single, in order (a hidden exercise is null or absent). */
export function exerciseItems(body: Block[] | null | undefined): ExerciseItem[] {
  const items: ExerciseItem[] = [];
  for (const block of body ?? []) {
    if (block.type === "exercise" && block.value) items.push(block.value);
    if (block.type === "exercise_group") items.push(...block.value.exercises);
  }
  return items;
}

function imageObject(image: Image | null | undefined, size: string): Json | undefined {
  const rendition = image?.renditions[size];
  if (!image || !rendition) return undefined;
  return compact({ "@type": "ImageObject", url: rendition.full_url, width: rendition.width, height: rendition.height, caption: image.alt });
}

function quantity(value: number, unitText: string, unitCode?: string): Json {
  return compact({ "@type": "QuantitativeValue", value, unitText, unitCode });
}

function exercisePlan(item: ExerciseItem, url: string | undefined): Json {
  const dose = item.prescription;
  const sets = [dose.sets ? `${dose.sets} set${dose.sets === 1 ? "" : "s"}` : "", dose.per_side ? "each side" : ""].filter(Boolean);
  return compact({
    "@type": "ExercisePlan",
    name: item.exercise.name,
    description: item.exercise.summary || undefined,
    url,
    image: imageObject(item.exercise.image, "card"),
    exerciseType: "Strength training",
    intensity: difficultyLabel(item.exercise.difficulty),
    repetitions: dose.reps ? quantity(dose.reps, "repetitions per set") : undefined,
    activityDuration: dose.seconds ? `PT${dose.seconds}S` : undefined,
    restPeriods: dose.rest_seconds ? quantity(dose.rest_seconds, "seconds", "SEC") : undefined,
    additionalVariable: sets.join(", ") || undefined,
    text: item.note || dose.text || undefined,
  });
}

/** The structured data the API sent with the article (`meta.json_ld`, v2 details only), if any. */
function fromApi(article: Article): Json | undefined {
  const value = article.meta.json_ld;
  return value && typeof value === "object" ? (value as Json) : undefined;
}

export function articleJsonLd(article: Article, pageUrl: string, origin: string): Json {
  const given = fromApi(article);
  if (given) return given;
  const exercises = exerciseItems(article.body);
  const description = article.meta.search_description || article.excerpt || undefined;
  const plan = exercises.length
    ? {
        "@type": "ExercisePlan",
        name: `${article.title}: exercises`,
        exerciseType: "Strength training",
        hasPart: exercises.map((item) => {
          const href = exerciseHref(item.exercise.slug, article.meta.locale);
          return exercisePlan(item, href ? new URL(href, origin).toString() : undefined);
        }),
      }
    : undefined;
  const posting = compact({
    "@type": "BlogPosting",
    "@id": `${pageUrl}#article`,
    headline: article.title,
    description,
    url: pageUrl,
    mainEntityOfPage: `${pageUrl}#webpage`,
    inLanguage: article.meta.locale || defaultLocale(),
    author: person(article.author),
    datePublished: article.date ?? undefined,
    publisher: { "@type": "Organization", name: siteName(), url: new URL("/", origin).toString() },
    image: imageObject(article.hero_image, "hero"),
    articleSection: article.category?.name,
    keywords: article.tags ?? undefined,
    timeRequired: `PT${article.read_time_minutes}M`,
    hasPart: plan,
  });
  return compact({
    "@context": "https://schema.org",
    "@type": "MedicalWebPage",
    "@id": `${pageUrl}#webpage`,
    url: pageUrl,
    name: article.meta.seo_title || article.title,
    description,
    inLanguage: article.meta.locale || defaultLocale(),
    reviewedBy: person(article.review?.reviewer ?? article.reviewer),
    lastReviewed: article.review?.last_reviewed ?? article.last_reviewed ?? undefined,
    mainEntity: posting,
  });
}

/** JSON for a <script> element: "<" escaped so no "</script>" in a value can end the element. */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
