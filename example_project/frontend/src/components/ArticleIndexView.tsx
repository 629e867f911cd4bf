// The article index: its title and intro, the cards of one page of /api/v2/articles/ (filtered by
// ?tag= and ?category= slugs), filter links built from the cards shown, and pagination.
import { ArticleCard, cardFromListItem } from "./ArticleCard";
import { RichText } from "./RichText";
import { tagSlug } from "@/lib/links";
import type { ArticleListItem, IndexPage, Listing } from "@/lib/types";

interface Props {
  page: IndexPage;
  listing: Listing<ArticleListItem>;
  basePath: string;
  pageNumber: number;
  pageSize: number;
  tag?: string;
  category?: string;
  siteOrigins: Set<string>;
  locale?: string;
}

function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function ArticleIndexView({ page, listing, basePath, pageNumber, pageSize, tag, category, siteOrigins, locale }: Props) {
  const pages = Math.max(1, Math.ceil(listing.meta.total_count / pageSize));
  const tagName = tag ? listing.items.flatMap((item) => item.tags ?? []).find((name) => tagSlug(name) === tag) ?? tag : null;
  const categoryName = category ? listing.items.find((item) => item.category?.slug === category)?.category?.name ?? category : null;
  const categories = new Map<string, string>();
  const tags = new Map<string, string>();
  for (const item of listing.items) {
    if (item.category) categories.set(item.category.slug, item.category.name);
    for (const name of item.tags ?? []) tags.set(tagSlug(name), name);
  }
  return (
    <div className="container">
      <header className="index__header measure">
        <h1 className="page-title">{page.title}</h1>
        {page.intro ? <RichText html={page.intro} className="intro" /> : null}
        {tagName || categoryName ? (
          <p className="notice" role="status">
            {categoryName ? `Showing articles in ${categoryName}. ` : null}
            {tagName ? `Showing articles tagged “${tagName}”. ` : null}
            <a href={basePath}>Show all articles</a>
          </p>
        ) : null}
      </header>
      {categories.size || tags.size ? (
        <nav className="filters" aria-labelledby="filters-title">
          <h2 id="filters-title" className="filters__title">
            Filter articles
          </h2>
          {categories.size ? (
            <ul className="filters__list" aria-label="Categories">
              {[...categories].map(([slug, name]) => (
                <li key={slug}>
                  <a href={`${basePath}${query({ category: slug, tag })}`} aria-current={slug === category ? "true" : undefined}>
                    {name}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          {tags.size ? (
            <ul className="filters__list tags" aria-label="Tags">
              {[...tags].map(([slug, name]) => (
                <li key={slug}>
                  <a href={`${basePath}${query({ tag: slug, category })}`} aria-current={slug === tag ? "true" : undefined}>
                    {name}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </nav>
      ) : null}
      {listing.items.length ? (
        <ul className="card-grid" role="list">
          {listing.items.map((item, index) => (
            <li key={item.id}>
              <ArticleCard
                card={cardFromListItem(item)}
                headingLevel={2}
                siteOrigins={siteOrigins}
                locale={locale}
                eager={index === 0}
              />
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">No articles match yet.</p>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label="Pages of articles">
          <ul>
            {pageNumber > 1 ? (
              <li>
                <a rel="prev" href={`${basePath}${query({ page: pageNumber - 1 === 1 ? undefined : pageNumber - 1, tag, category })}`}>
                  Newer articles
                </a>
              </li>
            ) : null}
            <li aria-current="page">
              Page {pageNumber} of {pages}
            </li>
            {pageNumber < pages ? (
              <li>
                <a rel="next" href={`${basePath}${query({ page: pageNumber + 1, tag, category })}`}>
                  Older articles
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
