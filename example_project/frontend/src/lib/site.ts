// Per-request facts shared by the routes: this frontend's own origin (from the request's Host, for
// canonical links and JSON-LD), the site's origins, and one memoised find/ per path and request.
import { headers } from "next/headers";
import { cache } from "react";

import { resolvePath } from "./api";
import { apiUrl } from "./config";
import { originsOf } from "./links";

/** find/ once per request, however many of generateMetadata and the page ask for it. */
export const resolve = cache(resolvePath);

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
