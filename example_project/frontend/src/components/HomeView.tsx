// Any other page the site serves (the demo's home page): its title and the latest articles.
import { ArticleCard } from "./ArticleCard";
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
                  card={{
                    title: item.title,
                    url: item.meta.html_url ?? null,
                    category: item.category,
                    excerpt: item.excerpt,
                    tags: item.tags,
                    image: item.hero_image,
                    date: item.date,
                    readTime: item.read_time_minutes,
                  }}
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
