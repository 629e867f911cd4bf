// Any other page the site serves (the demo's home page): its title and the latest articles.
import { ArticleCard, cardFromListItem } from "./ArticleCard";
import type { ArticleListItem, GenericPage } from "@/lib/types";

interface Props {
  page: GenericPage;
  latest: ArticleListItem[];
  siteOrigins: Set<string>;
  locale?: string;
}

export function HomeView({ page, latest, siteOrigins, locale }: Props) {
  return (
    <div className="container">
      <header className="index__header measure">
        <h1 className="page-title">{page.title}</h1>
      </header>
      {latest.length ? (
        <section aria-labelledby="latest-title">
          <h2 id="latest-title" className="heading">
            Latest articles
          </h2>
          <ul className="card-grid" role="list">
            {latest.map((item, index) => (
              <li key={item.id}>
                <ArticleCard
                  card={cardFromListItem(item)}
                  headingLevel={3}
                  siteOrigins={siteOrigins}
                  locale={locale}
                  eager={index === 0}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
