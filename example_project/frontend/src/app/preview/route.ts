// The headless preview's entry: the admin sends the editor to
// /preview/?content_type=<app_label.model>&token=<token> (wagtail-headless-preview's convention).
// This turns on Next's draft mode for the editor's browser (so nothing they see is cached or served
// from the cache) and hands the query to the page that fetches and renders the draft.
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
  if (!query.has("content_type") && incoming.get("type")) query.set("content_type", incoming.get("type") ?? "");
  (await draftMode()).enable();
  redirect(`/preview/article/?${query}`);
}
