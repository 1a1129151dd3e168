"""The review form in a real Chromium: labels, required fields, the invitation, the POST."""

from __future__ import annotations

import re
import urllib.parse

import pytest

from copernica_directory.model.review_settings import REVIEW_SETTINGS as S

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

CODE = "v1.maasmail.1893456000.AbCdEfGhIjKlMnOp.AbCdEfGhIjKlMnOpQrStUv"


@pytest.fixture
def page(browser, site_url: str):
    context = browser.new_context()
    context.set_default_timeout(5000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    # Only the local site: anything else would be a bug (and is never contacted).
    page.route(re.compile(r"^(?!http://127\.0\.0\.1:).*"), lambda route: route.abort())
    yield page
    context.close()
    assert errors == []


def test_fields_have_labels_and_required_ones_block_sending(page, site_url: str) -> None:
    page.goto(f"{site_url}/partners/maasmail/#review")
    form = page.locator(f"form[name={S.form_name}]")
    rating = page.get_by_role("group", name=re.compile("Your rating"))
    expect(rating.get_by_role("radio")).to_have_count(5)
    expect(page.get_by_label("5 stars: excellent")).to_have_attribute("required", "")
    for label in ("Title of your review", "Your review", "Your name", "Your email address"):
        expect(form.get_by_label(re.compile(f"^{label}"))).to_have_attribute("required", "")
    expect(form.get_by_label("Your company")).not_to_have_attribute("required", "")
    expect(form.get_by_label(re.compile("^Your email"))).to_have_attribute("type", "email")
    expect(form.get_by_label(re.compile("I agree that my review"))).to_have_attribute(
        "required", ""
    )
    expect(page.locator(f"[name={S.honeypot_field}]")).to_be_hidden()
    expect(page.locator("[data-review-invited]")).to_be_hidden()

    posts: list[str] = []
    page.route(
        f"**/{S.thanks_url}", lambda route: (posts.append(route.request.method), route.continue_())
    )
    form.get_by_role("button", name="Send review").click()
    assert posts == []  # the browser refuses: required fields are empty
    assert (
        page.evaluate("document.querySelector('form[data-review-form]').checkValidity()") is False
    )


def test_an_invitation_travels_with_the_form(page, site_url: str) -> None:
    page.goto(f"{site_url}/partners/maasmail/?invite={CODE}#review")
    expect(page.locator("[data-review-invited]")).to_be_visible()
    expect(page.locator("input[name=invite]")).to_have_value(CODE)

    sent: dict[str, list[str]] = {}

    def capture(route) -> None:
        sent.update(urllib.parse.parse_qs(route.request.post_data or ""))
        route.fulfill(status=200, content_type="text/html", body="<!DOCTYPE html><title>ok</title>")

    page.route(f"**/{S.thanks_url}", capture)
    page.get_by_label("4 stars: good").check()
    page.get_by_label(re.compile("^Title of your review")).fill("Fixed our bounces")
    page.get_by_label(re.compile("^Your review")).fill("Good work.\n\nFast, too.")
    page.get_by_label(re.compile("^Your name")).fill("Jan Jansen")
    page.get_by_label(re.compile("^Your email address")).fill("jan@shop.example")
    page.get_by_label(re.compile("I agree that my review")).check()
    page.get_by_role("button", name="Send review").click()
    page.wait_for_url(f"**/{S.thanks_url}")
    assert sent["form-name"] == [S.form_name] and sent["partner"] == ["maasmail"]
    assert sent["invite"] == [CODE] and sent["rating"] == ["4"]
    assert sent["body"] == ["Good work.\r\n\r\nFast, too."]
    assert S.honeypot_field not in sent or sent[S.honeypot_field] == [""]


def test_a_malformed_invitation_is_ignored(page, site_url: str) -> None:
    page.goto(f"{site_url}/partners/maasmail/?invite=%3Cscript%3E#review")
    expect(page.locator("input[name=invite]")).to_have_value("")
    expect(page.locator("[data-review-invited]")).to_be_hidden()


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_the_rating_is_visible_without_scrolling(browser, site_url: str, width, height) -> None:
    """Where the decision is made: the profile's rating is in its first screen, phone or not,
    and on the directory's cards."""
    from conftest import CONTENT

    from copernica_directory.model import load_content

    content, _ = load_content(CONTENT)
    rated = max(content.partners, key=lambda s: getattr(content.rating_of(s), "count", 0))
    rating = content.rating_of(rated)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{site_url}/partners/{rated}/")
    badge = page.locator(".profile-head .rating-badge")
    expect(badge).to_contain_text(f"{rating.average:.1f}")
    expect(badge).to_contain_text(f"({rating.count})")
    box = badge.bounding_box()
    assert box is not None and box["y"] + box["height"] <= height, box
    # It leads to the reviews.
    badge.get_by_role("link").click()
    expect(page.locator("#reviews-heading")).to_be_in_viewport()
    context.close()
