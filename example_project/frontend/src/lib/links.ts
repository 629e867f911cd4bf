// Turns the API's absolute page URLs into links on this frontend.
//
// Page URLs in the API are absolute: the site's root (http://localhost/blog/...) or, when the Django
// side sets a frontend base URL, this frontend's (http://127.0.0.1:3000/blog/...). Either way the path
// is the same one this frontend serves, so a link to one of the site's own origins keeps only its path.
// An address elsewhere (a call to action to another site) is left as it is.
import { exerciseLibraries } from "./config";

export function originsOf(...urls: (string | null | undefined)[]): Set<string> {
  const origins = new Set<string>();
  for (const url of urls) {
    if (!url) continue;
    try {
      origins.add(new URL(url).origin);
    } catch {
      // A root-relative URL has no origin of its own.
    }
  }
  return origins;
}

/** `url` as a link here: root-relative as given, own-origin reduced to its path, any other left alone. */
export function localHref(url: string, siteOrigins: Set<string>): string {
  if (url.startsWith("/") && !url.startsWith("//")) return url;
  try {
    const parsed = new URL(url);
    if (siteOrigins.has(parsed.origin)) return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    // Not a URL we can read: hand it to the browser unchanged.
  }
  return url;
}

/** The path part of an absolute or root-relative URL ("/" when it cannot be read). */
export function pathOf(url: string | null | undefined): string {
  if (!url) return "/";
  try {
    return new URL(url, "http://frontend.invalid").pathname;
  } catch {
    return "/";
  }
}

/** Where an exercise's page is in the library of `locale` (or the first configured library). */
export function exerciseHref(slug: string, locale: string | null | undefined): string | null {
  const libraries = exerciseLibraries();
  const base =
    (locale && (libraries.get(locale.toLowerCase()) ?? libraries.get(locale.toLowerCase().split("-")[0] ?? ""))) ||
    libraries.values().next().value;
  return base ? `${base}${encodeURIComponent(slug)}/` : null;
}

/**
 * A tag's slug from its name, as taggit writes it by default (Django's slugify with allow_unicode):
 * accented letters stay ("Prévention" → "prévention"), as the package's own tag links carry them.
 */
export function tagSlug(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\s-]/gu, "")
    .replace(/[-\s]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "");
}
