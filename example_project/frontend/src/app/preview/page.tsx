// The headless preview: the admin opens /preview/?content_type=<app_label.model>&token=<token>.
// The first visit goes through /preview/enable/ to turn on draft mode and comes back here; then the
// editor's draft is fetched from /api/v2/articles/preview/ (never cached) and rendered like an
// article. A token the API refuses (expired, forged, for another page type: a 400 or 404) shows an
// error and no content at all.
import type { Metadata } from "next";
import { draftMode } from "next/headers";
import { redirect } from "next/navigation";

import { ArticleView } from "@/components/ArticleView";
import { ApiError, getPreview } from "@/lib/api";
import type { Article } from "@/lib/types";
import { requestOrigin, siteOrigins, single } from "@/lib/site";

export const metadata: Metadata = { title: "Preview", robots: { index: false, follow: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function PreviewError({ message }: { message: string }) {
  return (
    <div className="container measure">
      <h1 className="page-title">This preview cannot be shown</h1>
      <p className="notice" role="alert" id="preview-error">
        {message}
      </p>
      <p>Open the preview again from the page editor in the admin.</p>
    </div>
  );
}

export default async function PreviewPage({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const token = single(query.token);
  const contentType = single(query.content_type) || single(query.type);
  if (!(await draftMode()).isEnabled) {
    if (single(query.draft)) {
      return <PreviewError message="Preview mode could not be turned on: this browser refused its cookie." />;
    }
    const again = new URLSearchParams();
    for (const name of ["content_type", "type", "token"]) if (single(query[name])) again.set(name, single(query[name]));
    redirect(`/preview/enable/?${again}`);
  }
  if (!token) return <PreviewError message="The preview link has no token." />;
  let article: Article;
  try {
    article = await getPreview(token, contentType);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 400 || error.status === 404)) {
      return <PreviewError message={`The preview has expired or is not valid (${error.message}).`} />;
    }
    throw error;
  }
  return (
    <>
      <p className="preview-banner" role="status">
        Preview of unpublished changes · <a href="/preview/exit/">Leave preview</a>
      </p>
      <ArticleView article={article} siteOrigins={await siteOrigins()} origin={await requestOrigin()} />
    </>
  );
}
