// One exercise's page under the library: from /api/v2/exercises/<slug>/ alone (steps, cues,
// safety, variations, video and the articles that use it).
import { EmbedBlock } from "./blocks/EmbedBlock";
import { Picture } from "./Picture";
import { difficultyLabel, equipmentLabel } from "@/lib/labels";
import { exerciseHref, localHref } from "@/lib/links";
import type { ExerciseDetail, GenericPage } from "@/lib/types";

interface Props {
  exercise: ExerciseDetail;
  library: GenericPage;
  libraryPath: string;
  siteOrigins: Set<string>;
  locale?: string;
}

export function ExerciseView({ exercise, library, libraryPath, siteOrigins, locale }: Props) {
  const variations = [
    { title: "Make it harder", items: exercise.progressions },
    { title: "Make it easier", items: exercise.regressions },
  ].filter((group) => group.items.length);
  return (
    <article className="container measure exercise-detail" aria-labelledby="exercise-title">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <ol>
          <li>
            <a href={libraryPath}>{library.title}</a>
          </li>
          <li aria-current="page">{exercise.name}</li>
        </ol>
      </nav>
      <header>
        <h1 id="exercise-title" className="article__title">
          {exercise.name}
        </h1>
        {exercise.summary ? <p className="lead">{exercise.summary}</p> : null}
        <dl className="facts">
          {exercise.target_muscles.length ? (
            <div>
              <dt>Targets</dt>
              <dd>{exercise.target_muscles.map((muscle) => muscle.name).join(", ")}</dd>
            </div>
          ) : null}
          <div>
            <dt>Dose</dt>
            <dd>{exercise.prescription.text}</dd>
          </div>
          <div>
            <dt>Level</dt>
            <dd>
              {difficultyLabel(exercise.difficulty)} · {equipmentLabel(exercise.equipment)}
            </dd>
          </div>
        </dl>
      </header>
      {exercise.image ? (
        <figure className="figure">
          <Picture image={exercise.image} preferred="large" sizes="(min-width: 44rem) 42rem, calc(100vw - 2rem)" eager />
        </figure>
      ) : null}
      {exercise.video_url ? <EmbedBlock value={{ url: exercise.video_url }} /> : null}
      {exercise.instructions.length ? (
        <section aria-labelledby="how-title">
          <h2 id="how-title" className="heading">
            How to do it
          </h2>
          <ol className="steps">
            {exercise.instructions.map((step, index) => (
              <li key={index}>{step}</li>
            ))}
          </ol>
        </section>
      ) : null}
      {exercise.coaching_cues.length ? (
        <section aria-labelledby="cues-title">
          <h2 id="cues-title" className="heading">
            Coaching cues
          </h2>
          <ul>
            {exercise.coaching_cues.map((cue, index) => (
              <li key={index}>{cue}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {exercise.safety_notes ? (
        <section className="callout" aria-labelledby="safety-title">
          <h2 id="safety-title" className="callout__title">
            Safety
          </h2>
          <p>{exercise.safety_notes}</p>
        </section>
      ) : null}
      {variations.length ? (
        <section aria-labelledby="variations-title">
          <h2 id="variations-title" className="heading">
            Variations
          </h2>
          {variations.map((group) => (
            <div key={group.title}>
              <h3>{group.title}</h3>
              <ul>
                {group.items.map((item) => {
                  const href = exerciseHref(item.slug, locale);
                  return <li key={item.id}>{href ? <a href={href}>{item.name}</a> : item.name}</li>;
                })}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
      {exercise.articles.length ? (
        <section aria-labelledby="articles-title">
          <h2 id="articles-title" className="heading">
            Articles with this exercise
          </h2>
          <ul>
            {exercise.articles.map((article) => (
              <li key={article.id}>{article.url ? <a href={localHref(article.url, siteOrigins)}>{article.title}</a> : article.title}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
