// The catch-all route: every URL of the site is resolved through /api/v2/pages/find/?html_path=
// and rendered by the type of page found. An article is that one response (the package answers
// it in place); the index, the exercise library and each exercise read their listing or detail.
// Locale-prefixed paths (/fr/...) go to find/ unchanged; listings then ask in the language the API
// gives the page found (meta.locale), so nothing here knows which prefixes the site has.
import type { Metadata } from "next";
import type { ReactElement } from "react";
import { notFound } from "next/navigation";

import { ArticleIndexView } from "@/components/ArticleIndexView";
import { ArticleView } from "@/components/ArticleView";
import { ExerciseLibraryView } from "@/components/ExerciseLibraryView";
import { ExerciseView } from "@/components/ExerciseView";
import { HomeView } from "@/components/HomeView";
import { ApiError, getExercise, listArticles, listExercises } from "@/lib/api";
import type { Resolved } from "@/lib/api";
import { siteName } from "@/lib/config";
import { pathOf } from "@/lib/links";
import { pathFromSegments, requestOrigin, resolve, siteOrigins, single } from "@/lib/site";
import type { ExerciseListItem, MuscleGroup } from "@/lib/types";

const INDEX_PAGE_SIZE = 12; // the package's INDEX_PAGE_SIZE default, as the HTML index pages it

type Params = Promise<{ path?: string[] }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function found(params: Params): Promise<{ path: string; resolved: Resolved }> {
  const path = pathFromSegments((await params).path);
  const resolved = await resolve(path);
  if (!resolved) notFound();
  return { path, resolved };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { path, resolved } = await found(params);
  const canonical = `${await requestOrigin()}${path}`;
  if (resolved.kind === "article") {
    const { article } = resolved;
    const image = article.hero_image?.renditions.hero;
    return {
      title: `${article.meta.seo_title || article.title} | ${siteName()}`,
      description: article.meta.search_description || article.excerpt || undefined,
      alternates: { canonical },
      openGraph: {
        type: "article",
        title: article.title,
        url: canonical,
        images: image ? [{ url: image.full_url, width: image.width, height: image.height, alt: article.hero_image?.alt }] : [],
      },
    };
  }
  return { title: `${resolved.page.title} | ${siteName()}`, alternates: { canonical } };
}

export default async function CatchAllPage(props: { params: Params; searchParams: SearchParams }) {
  // The page's language is on <html lang>: the root layout reads it from the same find/ answer.
  return render(props);
}

async function render({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<ReactElement> {
  const { path, resolved } = await found(params);
  const query = await searchParams;
  const pageLocale = resolved.kind === "article" ? resolved.article.meta.locale : resolved.page.meta.locale;

  if (resolved.kind === "article") {
    const { article } = resolved;
    return (
      <ArticleView
        article={article}
        siteOrigins={await siteOrigins(article.meta.html_url)}
        pageUrl={`${await requestOrigin()}${path}`}
        origin={await requestOrigin()}
      />
    );
  }

  if (resolved.kind === "index") {
    if (resolved.rest.length) notFound(); // the index's feeds and tag list are Wagtail's, not ours
    const tag = single(query.tag);
    const category = single(query.category);
    const requested = Number.parseInt(single(query.page), 10);
    let pageNumber = Number.isFinite(requested) && requested > 0 ? requested : 1;
    const filters = { childOf: resolved.page.id, tag, category, limit: INDEX_PAGE_SIZE, locale: pageLocale };
    let listing;
    try {
      listing = await listArticles({ ...filters, offset: (pageNumber - 1) * INDEX_PAGE_SIZE }, path);
      const last = Math.max(1, Math.ceil(listing.meta.total_count / INDEX_PAGE_SIZE));
      if (pageNumber > last) {
        // Past the end: the last page, as the package's HTML index answers.
        pageNumber = last;
        listing = await listArticles({ ...filters, offset: (last - 1) * INDEX_PAGE_SIZE }, path);
      }
    } catch (error) {
      // An unknown tag or category is a 404 on the HTML index too; the API says 400.
      if (error instanceof ApiError && error.status === 400) notFound();
      throw error;
    }
    return (
      <ArticleIndexView
        page={resolved.page}
        listing={listing}
        basePath={path}
        pageNumber={pageNumber}
        pageSize={INDEX_PAGE_SIZE}
        tag={tag || undefined}
        category={category || undefined}
        siteOrigins={await siteOrigins(resolved.page.meta.html_url)}
        locale={pageLocale}
      />
    );
  }

  if (resolved.kind === "library") {
    const libraryPath = pathOf(resolved.page.meta.html_url) || path;
    const locale = resolved.page.meta.locale;
    if (resolved.rest.length === 1 && resolved.rest[0]) {
      const exercise = await getExercise(resolved.rest[0], pageLocale, path);
      if (!exercise) notFound();
      return (
        <ExerciseView
          exercise={exercise}
          library={resolved.page}
          libraryPath={libraryPath}
          siteOrigins={await siteOrigins(resolved.page.meta.html_url)}
          locale={locale}
        />
      );
    }
    if (resolved.rest.length) notFound();
    const all = await listExercises({ locale: pageLocale }, path);
    const muscleSlug = single(query.muscle);
    let shown: ExerciseListItem[] = all;
    let muscle: MuscleGroup | undefined;
    let unknownMuscle: string | undefined;
    if (muscleSlug) {
      try {
        shown = await listExercises({ muscle: muscleSlug, locale: pageLocale }, path);
        muscle = all.flatMap((item) => item.target_muscles).find((item) => item.slug === muscleSlug);
      } catch (error) {
        // As the HTML library does: a muscle we do not know is left out, with a note.
        if (!(error instanceof ApiError && error.status === 400)) throw error;
        unknownMuscle = muscleSlug;
      }
    }
    return (
      <ExerciseLibraryView
        page={resolved.page}
        basePath={libraryPath}
        all={all}
        shown={shown}
        muscle={muscle}
        unknownMuscle={unknownMuscle}
        locale={locale}
      />
    );
  }

  if (resolved.rest.length) notFound();
  const latest = await listArticles({ limit: 3, offset: 0, locale: pageLocale }, path);
  return (
    <HomeView
      page={resolved.page}
      latest={latest.items}
      siteOrigins={await siteOrigins(resolved.page.meta.html_url)}
      locale={pageLocale}
    />
  );
}
