"""The library, events and programme in a real Chromium, served with netlify.toml's headers
(the Content-Security-Policy applies): copy buttons, the live calculator, and both without
JavaScript."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, serve

from copernica_directory.model import load_content
from copernica_directory.site.programme import CalculatorInput, monthly_income
from copernica_directory.sitecheck.netlify_headers import headers_for

SAMPLE, _problems = load_content(CONTENT)
pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

CSP_REPORT = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
)


@pytest.fixture(scope="module")
def strict_site(built_site: Path) -> Iterator[str]:
    yield from serve(built_site, functools.partial(headers_for, config=ROOT / "netlify.toml"))


@pytest.fixture
def page(browser, strict_site: str):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.set_default_timeout(5000)
    page = context.new_page()
    page.add_init_script(CSP_REPORT)
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.route(re.compile(r"^(?!http://127\.0\.0\.1:).*"), lambda route: route.abort())
    yield page
    errors += page.evaluate("window.__csp")
    context.close()
    assert errors == []


def test_copy_button_copies_the_reuse_snippet(page, strict_site: str) -> None:
    page.goto(f"{strict_site}/library/articles/crm-sync-without-a-developer/")
    box = page.locator(".copy-box").filter(has=page.locator("#reuse-attribution-html"))
    button = box.get_by_role("button", name="Copy")
    expect(button).to_be_visible()
    button.click()
    expect(box.get_by_role("status")).to_have_text("Copied to the clipboard.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#reuse-attribution-html").input_value()
    assert "First published by Copernica" in copied
    assert 'href="https://partners.copernica.com/library/articles/crm-sync' in copied


def test_badge_snippet_copies_on_the_profile(page, strict_site: str) -> None:
    page.goto(f"{strict_site}/partners/fjordvarsel/")
    page.locator("#badge .copy-box").last.get_by_role("button", name="Copy").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    rating = SAMPLE.rating_of("fjordvarsel")
    assert rating is not None and rating.count > 1
    alt = (
        f"Fjordvarsel, Copernica partner, rated {rating.average:.1f} out of 5 "
        f"from {rating.count} verified reviews"
    )
    assert copied.startswith('<a href="https://partners.copernica.com/partners/fjordvarsel/">')
    assert re.search(rf'badge-dark\.svg" width="\d+" height="56" alt="{alt}"></a>$', copied)


def euros(value: Decimal) -> str:
    return f"€{value:,.0f}"


def test_calculator_recomputes_live(page, strict_site: str) -> None:
    page.goto(f"{strict_site}/programme/")
    calculator = page.locator("#calculator")
    expect(calculator.get_by_role("heading", name="Your monthly income")).to_be_visible()
    entered = {
        "Accounts you resell": 12,
        "Your price per account, per month (€)": 280,
        "Customers who chose you in the directory": 7,
        "Hours of services per month": 20,
    }
    for label, value in entered.items():
        calculator.get_by_label(label).fill(str(value))
    expected = monthly_income(
        CalculatorInput(
            resold_accounts=12,
            partner_price=Decimal(280),
            referred_customers=7,
            service_hours=20,
        )
    )
    output = calculator.locator("[data-calculator-output]")
    amounts = (expected.margin, expected.kickback, expected.services, expected.total)
    expect(output).to_have_text([euros(amount) for amount in amounts])
    margin = calculator.locator('[data-calculator-formula="margin"]')
    expect(margin).to_have_text("12 × (€280 − €150)")
    status = calculator.get_by_role("status")
    expect(status).to_have_text(f"Your monthly income: {euros(expected.total)}")


def test_without_javascript_the_example_and_the_text_remain(browser, strict_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{strict_site}/programme/")
        expect(page.locator("[data-calculator-form]")).to_be_hidden()
        expect(page.get_by_role("heading", name="A worked example")).to_be_visible()
        expect(page.locator('[data-calculator-output="total"]')).to_have_text("€4,250")
        page.goto(f"{strict_site}/library/articles/crm-sync-without-a-developer/")
        expect(page.get_by_role("button", name="Copy")).to_have_count(0)
        expect(page.locator("#reuse-attribution-markdown")).to_be_visible()
        expect(page.get_by_role("link", name="Download .md")).to_be_visible()
    finally:
        context.close()


def test_library_filters_and_event_pages_need_no_script(page, strict_site: str) -> None:
    page.goto(f"{strict_site}/library/")
    types = page.get_by_role("navigation", name="Type")
    types.get_by_role("link", name=re.compile("^Whitepapers")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Content library: Whitepapers")
    whitepapers = [i for i in SAMPLE.library.values() if i.type == "whitepapers"]
    expect(page.locator(".library-card")).to_have_count(len(whitepapers))
    page.goto(f"{strict_site}/events/")
    page.get_by_role("link", name="Inbox Expo London 2027").click()
    expect(page.get_by_role("link", name="Register")).to_be_visible()
    expect(page.get_by_text("British Summer Time (UTC+01:00)")).to_be_visible()
