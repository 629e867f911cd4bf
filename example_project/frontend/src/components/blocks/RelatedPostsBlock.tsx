// `related_posts`: the cards the API already chose and resolved; an empty list shows nothing.
import { ArticleCard } from "../ArticleCard";
import type { BlockContext } from "./context";
import type { BlockOf } from "@/lib/types";

interface Props {
  id: string;
  value: BlockOf<"related_posts">["value"];
  context: BlockContext;
}

export function RelatedPostsBlock({ id, value, context }: Props) {
  if (!value.cards.length) return null;
  const headingId = `related-${id}`;
  return (
    <section className="related" aria-labelledby={headingId}>
      <h2 id={headingId} className="heading">
        {value.heading || "Related articles"}
      </h2>
      <ul className="card-grid" role="list">
        {value.cards.map((card) => (
          <li key={card.id}>
            <ArticleCard
              card={{
                title: card.title,
                url: card.url,
                category: card.category,
                excerpt: card.excerpt,
                tags: card.tags,
                image: card.thumbnail,
                date: card.date,
                readTime: card.read_time_minutes,
              }}
              headingLevel={3}
              siteOrigins={context.siteOrigins}
              locale={context.locale}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
