// Runtime settings, read from the environment on the server (never inlined into browser code).
//
// RUNSTRENGTH_API_URL            the Wagtail site serving the API (default http://127.0.0.1:8000)
// RUNSTRENGTH_REVALIDATE_SECRET  the webhook secret shared with REVALIDATION_WEBHOOKS (16+ characters)
// RUNSTRENGTH_SITE_NAME          the name in the header and in JSON-LD (default: the demo clinic's)
// RUNSTRENGTH_EXERCISE_LIBRARIES where each language's exercise library lives, "locale:/path/,..."
//                                (article bodies name exercises by slug; this turns a slug into a link
//                                without asking the API again)
// RUNSTRENGTH_DEFAULT_LOCALE     the site's default content language, for pages whose API answer
//                                names none (default en-gb, the demo's LANGUAGE_CODE)
// RUNSTRENGTH_CACHE_SECONDS      how long a cached API answer may be served without a webhook (default 300)

function trimmed(name: string): string {
  return (process.env[name] ?? "").trim();
}

export function apiUrl(): string {
  return (trimmed("RUNSTRENGTH_API_URL") || "http://127.0.0.1:8000").replace(/\/+$/, "");
}

export function revalidateSecret(): string {
  return trimmed("RUNSTRENGTH_REVALIDATE_SECRET");
}

export function siteName(): string {
  return trimmed("RUNSTRENGTH_SITE_NAME") || "Northside Running Clinic";
}

export function defaultLocale(): string {
  return trimmed("RUNSTRENGTH_DEFAULT_LOCALE") || "en-gb";
}

export function cacheSeconds(): number {
  const value = Number.parseInt(trimmed("RUNSTRENGTH_CACHE_SECONDS"), 10);
  return Number.isFinite(value) && value >= 0 ? value : 300;
}

/** Locale code → the exercise library's path in that language, e.g. {"en-gb": "/exercises/"}. */
export function exerciseLibraries(): Map<string, string> {
  const raw = trimmed("RUNSTRENGTH_EXERCISE_LIBRARIES") || "en-gb:/exercises/,fr:/fr/exercices/";
  const libraries = new Map<string, string>();
  for (const entry of raw.split(",")) {
    const at = entry.indexOf(":");
    if (at <= 0) continue;
    const path = entry.slice(at + 1).trim();
    libraries.set(entry.slice(0, at).trim().toLowerCase(), path.endsWith("/") ? path : `${path}/`);
  }
  return libraries;
}
