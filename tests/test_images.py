"""Responsive images: the ``{% rs_picture %}`` tag and the rendition sets the querysets prefetch."""

import re
from pathlib import Path
from unittest import mock

import pytest
from django.template import Context, Template, TemplateSyntaxError
from wagtail.images import image_operations

import wagtail_runstrength
from wagtail_runstrength import images

from .factories import ImageFactory

TEMPLATES = Path(wagtail_runstrength.__file__).parent / "templates"
PICTURE_TAG = re.compile(r"{%\s*(rs_picture|picture)\s+\S+\s+(.*?)%}")
SPEC_BIT = re.compile(r"^(format|fill|width|max|min|height)-")


def _patterns_in_templates():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for tag, rest in PICTURE_TAG.findall(path.read_text()):
            specs = " ".join(bit for bit in rest.split() if SPEC_BIT.match(bit))
            found.append((path.name, tag, specs))
    return found


def test_every_template_picture_is_the_fast_tag_with_a_declared_pattern():
    found = _patterns_in_templates()
    assert len(found) >= 5
    declared = {images.HERO_PICTURE, images.CARD_PICTURE, images.CONTENT_PICTURE}
    for name, tag, specs in found:
        assert tag == "rs_picture", f"{name} uses {{% {tag} %}}: its filters would be parsed on every render"
        assert specs in declared, f"{name} draws {specs!r}, which no prefetch in images.py knows about"


@pytest.mark.parametrize(
    ("pattern", "spec_set"),
    [
        (images.CARD_PICTURE, images.EXERCISE_IMAGE_SPECS),
        (images.CARD_PICTURE, images.ARTICLE_CARD_IMAGE_SPECS),
        (images.CONTENT_PICTURE, images.CONTENT_IMAGE_SPECS),
    ],
)
def test_prefetched_spec_sets_cover_what_the_templates_draw(pattern, spec_set):
    assert set(images.expand_picture(pattern)) <= set(spec_set)


def _render(source, image):
    return Template("{% load wagtailimages_tags wagtail_runstrength_tags %}" + source).render(Context({"image": image}))


@pytest.mark.django_db
def test_rs_picture_draws_what_wagtails_picture_draws():
    image = ImageFactory()
    attrs = 'alt="A lunge" loading="lazy" sizes="100vw"'
    ours = _render(f"{{% rs_picture image {images.CARD_PICTURE} {attrs} %}}", image)
    wagtails = _render(f"{{% picture image {images.CARD_PICTURE} {attrs} %}}", image)
    assert ours == wagtails
    assert ours.count("<source") == 2 and "image/avif" in ours and 'alt="A lunge"' in ours


@pytest.mark.django_db
def test_rs_picture_with_as_gives_the_picture_object():
    image = ImageFactory()
    html = _render(
        f"{{% rs_picture image {images.CARD_PICTURE} as pic %}}{{{{ pic.formats.webp|length }}}}",
        image,
    )
    assert html == "2"


@pytest.mark.django_db
def test_rs_picture_parses_each_spec_once_per_process():
    image = ImageFactory()
    source = "{% rs_picture image format-{webp,jpeg} fill-{31x17,62x34}-c50 %}"
    _render(source, image)
    with mock.patch.object(
        image_operations.FormatOperation, "__init__", side_effect=AssertionError("parsed again")
    ) as parse:
        _render(source, image)
        _render(source, ImageFactory())
    assert parse.call_count == 0


def test_rs_picture_without_an_image_renders_nothing():
    assert _render("{% rs_picture image width-{100,200} %}", None) == ""


@pytest.mark.parametrize("source", ["{% rs_picture image %}", "{% rs_picture image width-100 as %}"])
def test_rs_picture_rejects_what_picture_rejects(source):
    with pytest.raises(TemplateSyntaxError):
        _render(source, None)


def test_parsed_filter_is_shared_and_equal_to_wagtails():
    from wagtail.images.models import Filter

    assert images.parsed_filter("width-480") is images.parsed_filter("width-480")
    assert images.parsed_filter("width-480") == Filter(spec="width-480")
    assert [f.spec for f in images.parsed_filters(images.CARD_PICTURE)] == list(
        images.expand_picture(images.CARD_PICTURE)
    )
