"""Publish an article on a migrated host and fetch it, as a reader would.

Run with the host's settings after ``manage.py migrate``::

    python render_article.py [--index-model app.Model] [--article-model app.Model]
                             [--index-slug SLUG] [--title TITLE] [--related-posts]

It creates an article index under the default site's root page and an
article (a heading and a paragraph) under that, publishes both, requests
them with Django's test client and writes one JSON object to stdout for the
calling test to check.
"""

import argparse
import json
import sys

import django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index-model", default="wagtail_runstrength.ArticleIndexPage")
    parser.add_argument("--article-model", default="wagtail_runstrength.ArticlePage")
    parser.add_argument("--index-slug", default="strength")
    parser.add_argument("--title", default="Single-leg strength for hill runners")
    parser.add_argument(
        "--related-posts",
        action="store_true",
        help="End the body with a related-posts block (automatic cards only).",
    )
    args = parser.parse_args()

    django.setup()

    import swapper
    from django.apps import apps
    from django.test import Client
    from wagtail.models import Site, get_page_models

    import wagtail_runstrength

    index_model = apps.get_model(args.index_model)
    article_model = apps.get_model(args.article_model)

    site = Site.objects.get(is_default_site=True)
    index = site.root_page.add_child(instance=index_model(title="Strength for runners", slug=args.index_slug))
    index.save_revision().publish()
    body = [
        {"type": "heading", "value": {"text": "Start with step-ups", "level": "h2"}},
        {
            "type": "paragraph",
            "value": "<p>Step onto a knee-high box and stand tall.</p>",
        },
    ]
    if args.related_posts:
        body.append(
            {
                "type": "related_posts",
                "value": {"heading": "Keep reading", "posts": [], "limit": None},
            }
        )
    article = index.add_child(
        instance=article_model(
            title=args.title,
            slug="single-leg-strength",
            intro="<p>Why hills ask more of each leg.</p>",
            body=body,
        )
    )
    article.save_revision().publish()
    article.refresh_from_db()

    client = Client()
    article_response = client.get(article.url)
    index_response = client.get(index.url)

    json.dump(
        {
            "package_file": wagtail_runstrength.__file__,
            "page_model": swapper.get_model_name("wagtailcore", "Page"),
            "article_class": article.specific_class._meta.label,
            "article_live": article.live,
            "article_status": article_response.status_code,
            "article_html": article_response.content.decode(),
            "index_status": index_response.status_code,
            "index_html": index_response.content.decode(),
            "page_models": [model._meta.label for model in get_page_models()],
            "article_parents": [model._meta.label for model in article_model._meta.get_parent_list()],
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
