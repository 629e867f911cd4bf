// A card for one article: a listing item of /api/v2/articles/ or a related-posts card of a body.
// The image is decorative (alt=""): the title beside it is the link and says what the card is.
import { Picture } from "./Picture";
import { shortDate } from "@/lib/labels";
import { localHref } from "@/lib/links";
import type { ArticleListItem, Category, Image } from "@/lib/types";

export interface CardData {
  title: string;
  url: string | null;
  category: Category | null | undefined;
  excerpt: string | null | undefined;
  tags: string[] | null | undefined;
  image: Image | null | undefined;
  date: string | null | undefined;
  readTime: number;
}

/** The card of an item of the articles listing (the index and the home page show the same cards). */
export function cardFromListItem(item: ArticleListItem): CardData {
  return {
    title: item.title,
    url: item.meta.html_url ?? null,
    category: item.category,
    excerpt: item.excerpt,
    tags: item.tags,
    image: item.hero_image,
    date: item.date,
    readTime: item.read_time_minutes,
  };
}

interface ArticleCardProps {
  card: CardData;
  headingLevel: 2 | 3;
  siteOrigins: Set<string>;
  locale?: string;
  eager?: boolean;
}

export function ArticleCard({ card, headingLevel, siteOrigins, locale, eager }: ArticleCardProps) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card article-card">
      {card.image ? (
        <Picture
          image={card.image}
          preferred="card"
          alt=""
          className="card__image"
          sizes="(min-width: 48rem) 22rem, calc(100vw - 2rem)"
          eager={eager}
        />
      ) : null}
      <div className="card__body">
        {card.category ? <p className="card__category">{card.category.name}</p> : null}
        <Heading className="card__title">
          {card.url ? <a href={localHref(card.url, siteOrigins)}>{card.title}</a> : card.title}
        </Heading>
        {card.excerpt ? <p className="card__excerpt">{card.excerpt}</p> : null}
        <p className="card__meta">
          {card.date ? (
            <>
              <time dateTime={card.date}>{shortDate(card.date, locale)}</time> ·{" "}
            </>
          ) : null}
          {card.readTime} min read
        </p>
        {card.tags?.length ? (
          <ul className="tags tags--small" aria-label="Tags">
            {card.tags.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </article>
  );
}
