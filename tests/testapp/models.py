"""A home page for the test host: the root under which article indexes live."""

from wagtail.models import Page


class HomePage(Page):
    template = "runstrength_testapp/home_page.html"
