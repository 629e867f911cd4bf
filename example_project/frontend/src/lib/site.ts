// Per-request facts shared by the routes: this frontend's own origin (from the request's Host, for
// canonical links and JSON-LD), the site's origins, and one memoised find/ per path and request.
import { headers } from "next/headers";
import { cache } from "react";

import { resolvePath } from "./api";
import { apiUrl, defaultLocale } from "./config";
import { originsOf } from "./links";

/** find/ once per request, however many of the layout, generateMetadata and the page ask for it. */
export const resolve = cache(resolvePath);

/** The request header proxy.ts sets to the requested path, for the root layout. */
export const PATH_HEADER = "x-runstrength-path";

/** A locale code as <html lang> writes it: "en-gb" → "en-GB", "fr" → "fr". */
export function htmlLang(locale: string): string {
  const [language = "", region] = locale.split("-");
  return region && region.length === 2 ? `${language.toLowerCase()}-${region.toUpperCase()}` : locale;
}

/**
 * The language of the page this request shows: the locale the API gives the page found at the path
 * (the same memoised find/ the page makes), else the site's default. The preview and the frontend's
 * own routes are not pages of the site and keep the default.
 */
export async function requestLanguage(): Promise<string> {
  const requested = (await headers()).get(PATH_HEADER);
  if (!requested || /^\/(preview|api)(\/|$)/.test(requested) || requested.startsWith("/_next/")) {
    return htmlLang(defaultLocale());
  }
  try {
    const resolved = await resolve(pathFromSegments(requested.split("/").filter(Boolean)));
    const meta = resolved ? (resolved.kind === "article" ? resolved.article.meta : resolved.page.meta) : null;
    return htmlLang(meta?.locale || defaultLocale());
  } catch {
    return htmlLang(defaultLocale()); // the page itself reports the API's failure
  }
}

export async function requestOrigin(): Promise<string> {
  const incoming = await headers();
  const host = incoming.get("x-forwarded-host") ?? incoming.get("host") ?? "127.0.0.1:3000";
  const protocol = incoming.get("x-forwarded-proto") ?? "http";
  return `${protocol}://${host}`;
}

/** Origins whose page URLs are served here: ours, the API's, and the page's own public root. */
export async function siteOrigins(...pageUrls: (string | null | undefined)[]): Promise<Set<string>> {
  return originsOf(await requestOrigin(), apiUrl(), ...pageUrls);
}

/** The URL path of a catch-all route's segments, as Wagtail writes paths: "/", "/blog/post/". */
export function pathFromSegments(segments: string[] | undefined): string {
  if (!segments?.length) return "/";
  return `/${segments.map((segment) => safeDecode(segment)).join("/")}/`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** One query-string value (the first when repeated), trimmed; "" when absent. */
export function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] ?? "" : value ?? "").trim();
}
