"""Revalidation webhooks (``webhooks.py``): a real HTTP receiver gets the exact paths, signed; failures retry, never block.

The receiver is a real ``http.server`` on a free loopback port, in a thread of
the test process. Publishing goes through the admin with the test client;
the task framework's default, immediate backend runs the change's task when
the transaction commits (``django_capture_on_commit_callbacks(execute=True)``
stands in for the commit the test's own transaction never makes).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import ArticlePageFactory
from wagtail_runstrength import changes, webhooks
from wagtail_runstrength.conf import check_settings
from wagtail_runstrength.models import WebhookDelivery

pytestmark = pytest.mark.django_db

SECRET = "a-shared-secret-for-the-frontend"


class Receiver:
    """A real HTTP server on 127.0.0.1 that records every request and answers ``status``."""

    def __init__(self, status: int = 204):
        self.requests: list[dict] = []
        self.status = status
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": self.headers, "body": body, "path": self.path})
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/revalidate"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def unreachable_url() -> str:
    """An address on a loopback port nothing listens on (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/revalidate"


def use_webhooks(settings, *urls, **extra):
    settings.WAGTAIL_RUNSTRENGTH = {
        "WARM_AFTER_PUBLISH": False,
        "REVALIDATION_WEBHOOKS": [{"url": url, "secret": SECRET} for url in urls],
        **extra,
    }


def expected_signature(secret: str, timestamp: str, body: bytes) -> str:
    """Written out here rather than calling the package, as a frontend would check it."""
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def publish_through_admin(admin_client, index_page, django_capture_on_commit_callbacks):
    url = reverse("wagtailadmin_pages:add", args=("wagtail_runstrength", "articlepage", index_page.pk))
    data = nested_form_data(
        {
            "title": "Step up your running",
            "slug": "step-up",
            "intro": rich_text("<p>Stronger hips.</p>"),
            "tags": "knee",
            "excerpt": "",
            "hero_alt": "",
            "hero_caption": "",
            "body": streamfield([("heading", {"text": "Key exercises", "level": "h2", "anchor": ""})]),
            "action-publish": "publish",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Page.objects.get(slug="step-up").specific


@pytest.fixture
def neighbour(index_page):
    """A live article sharing the tag and showing related cards: its cards will show the new article."""
    page = ArticlePageFactory(
        parent=index_page, slug="neighbour", body=[("related_posts", {"heading": "Read next", "posts": []})]
    )
    page.tags.add("knee")
    page.save_revision().publish()
    return page


def test_publishing_through_the_admin_posts_the_exact_paths_signed(
    settings, admin_client, index_page, neighbour, django_capture_on_commit_callbacks
):
    with Receiver() as receiver:
        use_webhooks(settings, receiver.url)
        page = publish_through_admin(admin_client, index_page, django_capture_on_commit_callbacks)

    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    headers, body = request["headers"], request["body"]
    assert request["path"] == "/api/revalidate"
    assert headers["X-RunStrength-Signature"] == expected_signature(SECRET, headers["X-RunStrength-Timestamp"], body)
    assert webhooks.verify(SECRET, headers["X-RunStrength-Timestamp"], body, headers["X-RunStrength-Signature"])
    assert not webhooks.verify("another-secret-entirely", headers["X-RunStrength-Timestamp"], body, "sha256=00")
    payload = json.loads(body)
    assert payload["event"] == "page.published" == headers["X-RunStrength-Event"]
    assert payload["id"] == headers["X-RunStrength-Delivery"]
    assert payload["changes"] == [{"event": "page.published", "type": "wagtail_runstrength.articlepage", "id": page.pk}]
    assert payload["paths"] == sorted(
        [
            "/blog/step-up/",
            "/blog/",
            "/blog/?tag=knee",
            "/blog/feed/rss/",
            "/blog/feed/atom/",
            "/blog/tags/",
            "/blog/tag/knee/feed/rss/",
            "/blog/tag/knee/feed/atom/",
            "/blog/neighbour/",
        ]
    )
    assert payload["sites"] == [
        {
            "id": index_page.get_site().pk,
            "hostname": "localhost",
            "root_url": "http://localhost/",
            "paths": payload["paths"],
        }
    ]
    step_up = quote("/blog/step-up/", safe="")
    assert {
        f"/api/v2/pages/{page.pk}/",
        f"/api/v2/articles/{page.pk}/",
        f"/api/v3/pages/{page.pk}/",
        f"/api/v2/pages/find/?html_path={step_up}",
        f"/api/v2/articles/find/?html_path={step_up}",
        f"/api/v3/pages/find/?html_path={step_up}",
        f"/api/v2/articles/{neighbour.pk}/",
        "/api/v2/articles/",
    } <= set(payload["api_urls"])
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 204)


def test_an_unreachable_receiver_is_recorded_and_retried_and_publishing_still_succeeds(
    settings, admin_client, index_page, django_capture_on_commit_callbacks
):
    url = unreachable_url()
    use_webhooks(settings, url, REVALIDATION_MAX_ATTEMPTS=2, REVALIDATION_RETRY_DELAY=60)
    before = timezone.now()
    page = publish_through_admin(admin_client, index_page, django_capture_on_commit_callbacks)
    assert page.live

    delivery = WebhookDelivery.objects.get()
    assert (delivery.endpoint, delivery.status, delivery.attempts) == (url, "retrying", 1)
    assert "refused" in delivery.last_error.lower()
    assert delivery.next_attempt_at >= before + timedelta(seconds=60)

    # The immediate backend cannot wait: the sweep sends the retry once it is due.
    call_command("runstrength_send_webhooks", stdout=StringIO())
    delivery.refresh_from_db()
    assert delivery.attempts == 1, "a retry was made before it was due"
    WebhookDelivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    call_command("runstrength_send_webhooks", stdout=StringIO())
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("failed", 2, None)


def test_a_backend_that_can_defer_gets_the_retry_with_run_after_and_a_doubled_delay(settings, index_page):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    use_webhooks(settings, unreachable_url(), REVALIDATION_RETRY_DELAY=30)
    delivery = WebhookDelivery.objects.create(endpoint=unreachable_url(), event="page.published", payload={})
    settings.WAGTAIL_RUNSTRENGTH["REVALIDATION_WEBHOOKS"][0]["url"] = delivery.endpoint
    from django_tasks import task_backends

    from wagtail_runstrength.tasks import deliver_webhook

    assert webhooks.attempt(delivery.pk) == "retrying"
    first = WebhookDelivery.objects.get().next_attempt_at
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    assert webhooks.attempt(delivery.pk) == "retrying"
    delivery.refresh_from_db()
    queued = [result for result in task_backends["default"].results if result.task.func == deliver_webhook.func]
    assert [result.args for result in queued] == [[delivery.pk], [delivery.pk]]
    assert queued[0].task.run_after == first
    assert queued[1].task.run_after == delivery.next_attempt_at
    # 30 s after the first failure, 60 s after the second.
    assert delivery.next_attempt_at - delivery.last_attempt_at >= timedelta(seconds=60)
    assert first - delivery.created_at < timedelta(seconds=59)


def test_a_delivered_webhook_is_never_sent_again(settings):
    with Receiver() as receiver:
        use_webhooks(settings, receiver.url)
        delivery = WebhookDelivery.objects.create(endpoint=receiver.url, event="page.published", payload={"paths": []})
        assert webhooks.attempt(delivery.pk) == "delivered"
        assert webhooks.attempt(delivery.pk) == "delivered"
        assert webhooks.send_due() == []
    assert len(receiver.requests) == 1


def test_an_error_status_counts_as_a_failure(settings):
    with Receiver(status=500) as receiver:
        use_webhooks(settings, receiver.url)
        delivery = WebhookDelivery.objects.create(endpoint=receiver.url, event="page.published", payload={})
        assert webhooks.attempt(delivery.pk) == "retrying"
    delivery.refresh_from_db()
    assert delivery.last_status_code == 500 and "HTTP 500" in delivery.last_error


def test_no_webhook_and_no_delivery_when_none_are_configured(
    settings, admin_client, index_page, django_capture_on_commit_callbacks
):
    settings.WAGTAIL_RUNSTRENGTH = {"WARM_AFTER_PUBLISH": False}
    publish_through_admin(admin_client, index_page, django_capture_on_commit_callbacks)
    assert not WebhookDelivery.objects.exists()


def test_changes_made_while_suspended_send_nothing_and_later_ones_still_do(
    settings, index_page, django_capture_on_commit_callbacks
):
    # A bulk loader (the demo's) publishes inside changes.suspended(): no delivery per publish.
    with Receiver() as receiver:
        use_webhooks(settings, receiver.url)
        with django_capture_on_commit_callbacks(execute=True), changes.suspended():
            page = ArticlePageFactory(parent=index_page, slug="loaded-in-bulk")
            page.save_revision().publish()
        assert not WebhookDelivery.objects.exists()
        assert receiver.requests == []

        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        assert WebhookDelivery.objects.filter(status=WebhookDelivery.Status.DELIVERED).count() == 1
        assert len(receiver.requests) == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"url": "ftp://example.com/x", "secret": SECRET}, "must be an http:// or https:// address"),
        ({"url": "https://front.example/api/revalidate", "secret": "short"}, "at least 16 characters"),
        ({"url": "https://front.example/api/revalidate"}, 'exactly the keys "url" and "secret"'),
        ("https://front.example/api/revalidate", 'exactly the keys "url" and "secret"'),
    ],
)
def test_bad_webhook_settings_are_refused_at_start_up(settings, value, message):
    settings.WAGTAIL_RUNSTRENGTH = {"REVALIDATION_WEBHOOKS": [value]}
    with pytest.raises(ImproperlyConfigured) as error:
        check_settings()
    assert message in str(error.value)
    assert "short" not in str(error.value)


def test_the_report_lists_deliveries_and_filters_failures_for_superusers(admin_client):
    WebhookDelivery.objects.create(endpoint="https://a.example/r", event="page.published", payload={}, status="failed")
    WebhookDelivery.objects.create(
        endpoint="https://b.example/r", event="exercise.saved", payload={}, status="delivered"
    )
    url = reverse("wagtail_runstrength_webhooks:index")
    page = admin_client.get(url).content.decode()
    assert "https://a.example/r" in page and "https://b.example/r" in page
    failed = admin_client.get(url, {"status": "failed"}).content.decode()
    assert "https://a.example/r" in failed and "https://b.example/r" not in failed
    assert url in admin_client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_report_needs_the_view_permission(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw")
    group = Group.objects.create(name="Webhook-less editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    url = reverse("wagtail_runstrength_webhooks:index")
    assert client.get(url).status_code in (302, 403)
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
    group.permissions.add(Permission.objects.get(codename="view_webhookdelivery"))
    assert client.get(url).status_code == 200
