// schema.org JSON-LD for an article, built from the API's representation alone: a MedicalWebPage
// (reviewer, last review) whose main entity is the BlogPosting, with the article's exercises as an
// ExercisePlan. The same structure the package's HTML pages print (wagtail_runstrength/seo.py).
import { siteName } from "./config";
import { exerciseHref } from "./links";
import type { Article, Block, Clinician, ExerciseItem } from "./types";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

function person(clinician: Clinician | null | undefined): Json | undefined {
  if (!clinician) return undefined;
  return compact({
    "@type": "Person",
    name: clinician.name,
    honorificSuffix: clinician.credentials || undefined,
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

export function articleJsonLd(article: Article, pageUrl: string, origin: string): { [key: string]: Json } {
  const hero = article.hero_image?.renditions.hero ?? null;
  const exercises = exerciseItems(article.body);
  const description = article.meta.search_description || article.excerpt || undefined;
  const plan = exercises.length
    ? {
        "@type": "ExercisePlan",
        name: `${article.title}: exercises`,
        exerciseType: "Strength training",
        hasPart: exercises.map((item) => {
          const href = exerciseHref(item.exercise.slug, article.meta.locale);
          return compact({
            "@type": "ExercisePlan",
            name: item.exercise.name,
            description: item.exercise.summary || undefined,
            url: href ? new URL(href, origin).toString() : undefined,
            repetitions: item.prescription.reps ?? undefined,
            workload: item.prescription.text,
            restPeriods: item.prescription.rest_seconds ? `PT${item.prescription.rest_seconds}S` : undefined,
          });
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
    inLanguage: article.meta.locale,
    author: person(article.author),
    datePublished: article.date ?? undefined,
    publisher: { "@type": "Organization", name: siteName(), url: new URL("/", origin).toString() },
    image: hero
      ? compact({ "@type": "ImageObject", url: hero.full_url, width: hero.width, height: hero.height, caption: article.hero_image?.alt })
      : undefined,
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
    inLanguage: article.meta.locale,
    reviewedBy: person(article.review?.reviewer ?? article.reviewer),
    lastReviewed: article.review?.last_reviewed ?? article.last_reviewed ?? undefined,
    mainEntity: posting,
  });
}

/** JSON for a <script> element: "<" escaped so no "</script>" in a value can end the element. */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
