// A whole article from its one API representation (find/ or the preview): header, hero, intro,
// table of contents, body blocks, tags and the JSON-LD. No other request is made for it.
import { StreamBody } from "./blocks/StreamBody";
import { Picture } from "./Picture";
import { RichText } from "./RichText";
import { TableOfContents } from "./TableOfContents";
import { articleJsonLd, scriptJson } from "@/lib/jsonld";
import { longDate, tagsHeading } from "@/lib/labels";
import { localHref, pathOf, tagSlug } from "@/lib/links";
import type { Article } from "@/lib/types";

interface ArticleViewProps {
  article: Article;
  siteOrigins: Set<string>;
  /** This frontend's address of the article, for JSON-LD; absent in a preview. */
  pageUrl?: string;
  origin: string;
}

export function ArticleView({ article, siteOrigins, pageUrl, origin }: ArticleViewProps) {
  const body = article.body ?? [];
  const locale = article.meta.locale;
  const context = { siteOrigins, locale };
  const indexPath = article.meta.parent?.meta.html_url ? pathOf(article.meta.parent.meta.html_url) : null;
  const reviewer = article.review?.reviewer ?? article.reviewer;
  const lastReviewed = article.review?.last_reviewed ?? article.last_reviewed;
  return (
    <article className="article" aria-labelledby="article-title">
      {pageUrl ? (
        <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(articleJsonLd(article, pageUrl, origin)) }} />
      ) : null}
      <header className="article__header container measure">
        {article.category ? <p className="article__category">{article.category.name}</p> : null}
        <h1 id="article-title" className="article__title">
          {article.title}
        </h1>
        <dl className="article__meta">
          {article.date ? (
            <div>
              <dt>Published</dt>
              <dd>
                <time dateTime={article.date}>{longDate(article.date, locale)}</time>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Estimated read time</dt>
            <dd>
              {article.read_time_minutes} minute{article.read_time_minutes === 1 ? "" : "s"}
            </dd>
          </div>
          {article.author ? (
            <div>
              <dt>Written by</dt>
              <dd>{article.author.display_name}</dd>
            </div>
          ) : null}
          {reviewer ? (
            <div>
              <dt>Clinically reviewed by</dt>
              <dd>
                {reviewer.display_name}
                {lastReviewed ? (
                  <>
                    {" "}
                    on <time dateTime={lastReviewed}>{longDate(lastReviewed, locale)}</time>
                  </>
                ) : null}
              </dd>
            </div>
          ) : null}
          {article.review?.next_review_due ? (
            <div>
              <dt>Next review due</dt>
              <dd>
                <time dateTime={article.review.next_review_due}>{longDate(article.review.next_review_due, locale)}</time>
              </dd>
            </div>
          ) : null}
        </dl>
        {article.review?.state === "overdue" ? (
          <p className="review-notice" role="note">
            This article is due for its clinical review: our clinicians are checking it is still up to date.
          </p>
        ) : null}
      </header>
      {article.hero_image ? (
        <figure className="hero container">
          <Picture
            image={article.hero_image}
            preferred="hero"
            className="hero__image"
            sizes="(min-width: 62rem) 60rem, calc(100vw - 2rem)"
            eager
          />
          {article.hero_caption ? <figcaption>{article.hero_caption}</figcaption> : null}
        </figure>
      ) : null}
      <div className="article__body container measure">
        {article.intro ? <RichText html={article.intro} className="intro" /> : null}
        <TableOfContents blocks={body} />
        <StreamBody blocks={body} context={context} />
        {article.tags?.length ? (
          <footer className="article__tags">
            <h2 className="visually-hidden">{tagsHeading(locale)}</h2>
            <ul className="tags">
              {article.tags.map((tag) => (
                <li key={tag}>
                  {indexPath ? <a href={`${localHref(indexPath, siteOrigins)}?tag=${encodeURIComponent(tagSlug(tag))}`}>{tag}</a> : tag}
                </li>
              ))}
            </ul>
          </footer>
        ) : null}
      </div>
    </article>
  );
}
