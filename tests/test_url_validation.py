"""Every field that takes an address refuses script addresses (``javascript:`` and friends) with a field error.

A link whose address runs script fires when a reader clicks it, however well
the page escapes its text. So the call-to-action address (the block's and the
site default's), the exercise video, the clinician's profile and the headless
frontend address accept only web addresses, and the admin shows the editor
why instead of saving or failing.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.blocks import StructBlockValidationError

from tests.factories import ClinicianFactory, ExerciseFactory
from wagtail_runstrength.blocks import CallToActionBlock, VideoEmbedBlock
from wagtail_runstrength.models import Clinician, RunStrengthSettings

pytestmark = pytest.mark.django_db

SCRIPT_ADDRESSES = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript://www.youtube.com/watch?v=abcdefghijk%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]


def field_errors(instance) -> dict:
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


@pytest.mark.parametrize("address", SCRIPT_ADDRESSES)
def test_site_call_to_action_and_frontend_address_refuse_script_addresses(site, address):
    errors = field_errors(RunStrengthSettings(site=site, cta_url=address, cta_button_label="Book"))
    assert "cta_url" in errors
    errors = field_errors(RunStrengthSettings(site=site, frontend_base_url=address))
    assert "frontend_base_url" in errors


@pytest.mark.parametrize("address", SCRIPT_ADDRESSES)
def test_clinician_profile_refuses_script_addresses(address):
    clinician = ClinicianFactory.build(profile_url=address)
    assert "profile_url" in field_errors(clinician)


@pytest.mark.parametrize("address", SCRIPT_ADDRESSES)
def test_exercise_video_refuses_script_addresses(address):
    exercise = ExerciseFactory(video_url="")
    exercise.video_url = address
    assert "video_url" in field_errors(exercise)


@pytest.mark.parametrize("address", SCRIPT_ADDRESSES)
def test_call_to_action_block_refuses_script_addresses(address):
    block = CallToActionBlock()
    value = block.to_python({"heading": "Book", "text": "", "button_label": "Book", "url": address})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "url" in error.value.block_errors


@pytest.mark.parametrize("address", SCRIPT_ADDRESSES)
def test_video_block_refuses_script_addresses(address):
    block = VideoEmbedBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python(address))


def test_admin_settings_form_shows_a_field_error_for_a_script_address(admin_client, site):
    url = reverse("wagtailsettings:edit", args=("wagtail_runstrength", "runstrengthsettings", site.pk))
    response = admin_client.post(
        url, {"clinic_name": "Northside", "cta_button_label": "Book", "cta_url": "javascript:alert(1)"}
    )
    assert response.status_code == 200
    assert "cta_url" in response.context["form"].errors
    assert not RunStrengthSettings.objects.filter(cta_url__startswith="javascript").exists()


def test_admin_clinician_form_shows_a_field_error_for_a_script_address(admin_client):
    url = reverse(Clinician.snippet_viewset.get_url_name("add"))
    response = admin_client.post(url, {"name": "Dana", "profile_url": "javascript:alert(1)"})
    assert response.status_code == 200
    assert "profile_url" in response.context["form"].errors
    assert not Clinician.objects.exists()
