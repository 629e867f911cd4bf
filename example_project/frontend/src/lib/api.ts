// Every request the frontend makes to the package's API v2, and nothing else.
//
// Reads go through Next's data cache, tagged, for RUNSTRENGTH_CACHE_SECONDS; the package's webhook
// (app/api/revalidate) expires the paths it names sooner, and a path's render then fetches again.
// The preview is never cached: it is an editor's draft, fetched with `no-store`.
import { apiUrl, cacheSeconds } from "./config";
import type {
  Article,
  ArticleListItem,
  ExerciseDetail,
  ExerciseListItem,
  GenericPage,
  IndexPage,
  Listing,
  PageMeta,
} from "./types";

export const ARTICLE_TYPE = "wagtail_runstrength.ArticlePage";
export const INDEX_TYPE = "wagtail_runstrength.ArticleIndexPage";
export const LIBRARY_TYPE = "wagtail_runstrength.ExerciseLibraryPage";

/** A 4xx or 5xx from the API, with its `message` when the body is v2's `{"message": ...}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type CachePolicy = { tags: string[] } | "no-store";

async function request(path: string, policy: CachePolicy): Promise<Response> {
  const init: RequestInit & { next?: { revalidate: number; tags: string[] } } = {
    headers: { Accept: "application/json" },
    // find/ redirects to the API host Wagtail knows (WAGTAILAPI_BASE_URL or the Site's, which may not
    // be reachable from here): read the Location and ask our own API_URL for its path instead.
    redirect: "manual",
  };
  if (policy === "no-store") init.cache = "no-store";
  else init.next = { revalidate: cacheSeconds(), tags: ["runstrength", ...policy.tags] };
  return fetch(`${apiUrl()}${path}`, init);
}

async function failure(response: Response): Promise<ApiError> {
  let message = `HTTP ${response.status}`;
  try {
    const body: unknown = await response.json();
    if (body && typeof body === "object" && "message" in body && typeof body.message === "string") {
      message = body.message;
    }
  } catch {
    // Not JSON (Django's HTML 404 for a malformed URL): the status says enough.
  }
  return new ApiError(response.status, message);
}

async function getJson<T>(path: string, policy: CachePolicy): Promise<T> {
  const response = await request(path, policy);
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** What a URL of the site is, after one find/ (and, for pages other than articles, their detail). */
export type Resolved =
  | { kind: "article"; article: Article }
  | { kind: "index"; page: IndexPage; rest: string[] }
  | { kind: "library"; page: GenericPage; rest: string[] }
  | { kind: "page"; page: GenericPage; rest: string[] };

/** The page serving `path` ("/blog/post/"), or null when the site has none (404). */
export async function resolvePath(path: string): Promise<Resolved | null> {
  const tags = [`path:${path}`];
  const found = await request(`/api/v2/pages/find/?html_path=${encodeURIComponent(path)}`, { tags });
  if (found.status === 404) return null;
  if (found.status === 200) {
    // The package answers an article in place: the same cached representation as its detail.
    const article = (await found.json()) as Article;
    if (article.meta.type === ARTICLE_TYPE) return { kind: "article", article };
    return classify(article as unknown as GenericPage, path);
  }
  if (found.status >= 300 && found.status < 400) {
    const location = found.headers.get("location");
    const target = location ? new URL(location, apiUrl()) : null;
    if (!target || !target.pathname.startsWith("/api/v2/pages/")) {
      throw new ApiError(502, `find/ redirected somewhere unexpected: ${location ?? "(no Location)"}`);
    }
    const page = await getJson<GenericPage>(`${target.pathname}${target.search}`, { tags });
    if (page.meta.type === ARTICLE_TYPE) return { kind: "article", article: page as unknown as Article };
    return classify(page, path);
  }
  throw await failure(found);
}

function classify(page: GenericPage, path: string): Resolved {
  const own = page.meta.html_url ? new URL(page.meta.html_url, "http://frontend.invalid").pathname : path;
  // A routable page (the index's feeds, the library's exercises) answers for paths below its own.
  const rest = path.startsWith(own) ? path.slice(own.length).split("/").filter(Boolean) : [];
  if (page.meta.type === INDEX_TYPE) return { kind: "index", page: page as IndexPage, rest };
  if (page.meta.type === LIBRARY_TYPE) return { kind: "library", page, rest };
  return { kind: "page", page, rest };
}

export interface ArticleFilters {
  childOf?: number;
  tag?: string;
  category?: string;
  limit: number;
  offset: number;
  locale?: string;
}

/** A page of /api/v2/articles/ (cards only: the listing never carries bodies). */
export async function listArticles(filters: ArticleFilters, path: string): Promise<Listing<ArticleListItem>> {
  const query = new URLSearchParams({ limit: String(filters.limit), offset: String(filters.offset) });
  if (filters.childOf !== undefined) query.set("child_of", String(filters.childOf));
  if (filters.tag) query.set("tag", filters.tag);
  if (filters.category) query.set("category", filters.category);
  if (filters.locale) query.set("locale", filters.locale);
  return getJson(`/api/v2/articles/?${query}`, { tags: [`path:${path}`, "list:articles"] });
}

/** Every exercise of the library in one language (pages of 20, WAGTAILAPI_LIMIT_MAX's default). */
export async function listExercises(
  filters: { muscle?: string; locale?: string },
  path: string,
): Promise<ExerciseListItem[]> {
  const items: ExerciseListItem[] = [];
  for (let offset = 0; ; offset += 20) {
    const query = new URLSearchParams({ limit: "20", offset: String(offset) });
    if (filters.muscle) query.set("muscle", filters.muscle);
    if (filters.locale) query.set("locale", filters.locale);
    const page = await getJson<Listing<ExerciseListItem>>(`/api/v2/exercises/?${query}`, {
      tags: [`path:${path}`, "list:exercises"],
    });
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.meta.total_count) return items;
  }
}

/** One exercise by slug, in one language; null when unknown or unpublished. */
export async function getExercise(slug: string, locale: string | undefined, path: string): Promise<ExerciseDetail | null> {
  const query = locale ? `?locale=${encodeURIComponent(locale)}` : "";
  try {
    return await getJson(`/api/v2/exercises/${encodeURIComponent(slug)}/${query}`, { tags: [`path:${path}`] });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** An editor's unsaved article: /api/v2/articles/preview/, never cached. */
export async function getPreview(token: string, contentType: string): Promise<Article> {
  const query = new URLSearchParams({ token });
  if (contentType) query.set("content_type", contentType);
  return getJson(`/api/v2/articles/preview/?${query}`, "no-store");
}

export type { PageMeta };
