// Turns on Next's draft mode for the editor's browser, then sends it back to /preview/ with the same
// query (the admin's /preview/?content_type=<app_label.model>&token=<token>, wagtail-headless-preview's
// convention). In draft mode nothing the editor sees comes from, or goes into, the shared cache.
// `draft=1` tells /preview/ it has been here once, so a browser that refuses the cookie gets an
// explanation instead of a redirect loop.
import { draftMode } from "next/headers";
import { redirect } from "next/navigation";

export async function GET(request: Request): Promise<Response> {
  const incoming = new URL(request.url).searchParams;
  const query = new URLSearchParams();
  for (const name of ["content_type", "token"]) {
    const value = incoming.get(name);
    if (value) query.set(name, value);
  }
  // `type` is the package's older, deprecated name for the content type.
  const legacy = incoming.get("type");
  if (!query.has("content_type") && legacy) query.set("content_type", legacy);
  query.set("draft", "1");
  (await draftMode()).enable();
  redirect(`/preview/?${query}`);
}
