// The shapes the frontend reads, all taken from the generated OpenAPI types (src/api/runstrength-api.ts).
// Only API v2's envelope (`{meta: {total_count}, items}`) and its page `meta` are spelled out below:
// v2 is Django REST framework without an OpenAPI document, and the snapshot leaves Wagtail's meta
// schemas out. Every field inside an article, block, card, image or exercise comes from the snapshot.
import type { components } from "@/api/runstrength-api";

type Schemas = components["schemas"];

export type ArticleFields = Omit<Schemas["ArticlePageSchema"], "meta">;
export type IndexFields = Omit<Schemas["ArticleIndexPageSchema"], "meta">;
export type Block = Schemas["RunStrengthArticleBody"][number];
export type BlockType = Block["type"];
export type BlockOf<T extends BlockType> = Extract<Block, { type: T }>;
export type Image = Schemas["RunStrengthImage"];
export type Rendition = Schemas["RunStrengthRendition"];
export type Exercise = Schemas["RunStrengthExercise"];
export type ExerciseItem = Schemas["RunStrengthExerciseBlockValue"];
export type Prescription = Schemas["RunStrengthPrescription"];
export type MuscleGroup = Schemas["RunStrengthMuscleGroup"];
export type ArticleCard = Schemas["RunStrengthArticleCard"];
export type ArticleLink = Schemas["RunStrengthArticleLink"];
export type Category = Schemas["RunStrengthCategory"];
export type Clinician = Schemas["RunStrengthClinician"];
export type Review = Schemas["RunStrengthReview"];
export type Translation = Schemas["RunStrengthTranslation"];

/** API v2's `meta` of a page: what Wagtail's serializer adds (only `type` is always there). */
export interface PageMeta {
  type: string;
  detail_url?: string;
  html_url?: string | null;
  slug?: string;
  locale?: string;
  seo_title?: string;
  search_description?: string;
  first_published_at?: string | null;
  parent?: { id: number; title: string; meta: { type: string; html_url?: string | null } } | null;
  /** The schema.org JSON-LD the package's own page prints for this article (v2 article details). */
  json_ld?: unknown;
  /** Set on the headless preview's answer only. */
  preview?: boolean;
}

/** API v2's envelope of every listing. */
export interface Listing<T> {
  meta: { total_count: number };
  items: T[];
}

export type Article = ArticleFields & { meta: PageMeta };
export type IndexPage = IndexFields & { meta: PageMeta };
/** Any other page (the demo's home page): Wagtail's own fields only. */
export interface GenericPage {
  id: number;
  title: string;
  meta: PageMeta;
}

/** An item of /api/v2/articles/: the card fields (docs/api.md, "GET /api/v2/articles/"). */
export type ArticleListItem = Pick<
  ArticleFields,
  "id" | "title" | "hero_image" | "category" | "tags" | "date" | "excerpt" | "read_time_minutes"
> & { meta: PageMeta };

/** An item of /api/v2/exercises/ (the listing's default fields). */
export type ExerciseListItem = Pick<
  Exercise,
  "id" | "name" | "slug" | "summary" | "target_muscles" | "difficulty" | "equipment" | "prescription" | "image"
>;

/** /api/v2/exercises/<slug>/: every exercise field, the articles using it and its translations. */
export type ExerciseDetail = Exercise & { articles: ArticleLink[]; translations?: Translation[] };
