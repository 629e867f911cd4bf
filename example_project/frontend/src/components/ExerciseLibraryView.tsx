// The exercise library: links to browse by muscle group (grouped by body region, from the
// exercises' own target muscles) and the cards of the exercises, filtered with the API's ?muscle=.
import { ExerciseCard } from "./ExerciseCard";
import { REGION_ORDER, regionLabel } from "@/lib/labels";
import type { ExerciseListItem, GenericPage, MuscleGroup } from "@/lib/types";

interface Props {
  page: GenericPage;
  basePath: string;
  all: ExerciseListItem[];
  shown: ExerciseListItem[];
  muscle?: MuscleGroup;
  unknownMuscle?: string;
  locale?: string;
}

function byRegion(exercises: ExerciseListItem[]): [string, MuscleGroup[]][] {
  const muscles = new Map<string, MuscleGroup>();
  for (const exercise of exercises) for (const muscle of exercise.target_muscles) muscles.set(muscle.slug, muscle);
  const regions = new Map<string, MuscleGroup[]>();
  for (const muscle of [...muscles.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    regions.set(muscle.region, [...(regions.get(muscle.region) ?? []), muscle]);
  }
  const rank = (region: string) => (REGION_ORDER.includes(region) ? REGION_ORDER.indexOf(region) : REGION_ORDER.length);
  return [...regions].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

export function ExerciseLibraryView({ page, basePath, all, shown, muscle, unknownMuscle, locale }: Props) {
  const regions = byRegion(all);
  return (
    <div className="container">
      <header className="index__header measure">
        <h1 className="page-title">{page.title}</h1>
        {unknownMuscle ? (
          <p className="notice" role="status">
            We have no muscle group called “{unknownMuscle.slice(0, 40)}”, so that filter was left out.
          </p>
        ) : null}
      </header>
      <nav className="filters" aria-labelledby="muscles-title">
        <h2 id="muscles-title" className="filters__title">
          Browse by muscle
        </h2>
        <dl className="muscles">
          {regions.map(([region, muscles]) => (
            <div key={region}>
              <dt>{regionLabel(region)}</dt>
              <dd>
                <ul className="filters__list">
                  {muscles.map((item) => (
                    <li key={item.slug}>
                      <a href={`${basePath}?muscle=${encodeURIComponent(item.slug)}`} aria-current={item.slug === muscle?.slug ? "true" : undefined}>
                        {item.name}
                      </a>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          ))}
        </dl>
      </nav>
      <section aria-labelledby="exercises-title">
        <h2 id="exercises-title" className="heading">
          {muscle ? `Exercises: ${muscle.name}` : "All exercises"}
        </h2>
        {muscle ? (
          <p>
            <a href={basePath}>Show all exercises</a>
          </p>
        ) : null}
        <ul className="card-grid" role="list">
          {shown.map((exercise, index) => (
            <li key={exercise.id}>
              <ExerciseCard exercise={exercise} headingLevel={3} locale={locale} eager={index === 0} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
