"""The partner programme pages: the benefits from the partner model, and the income calculator,
whose worked example is computed at build time and shown without JavaScript."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from htmlscan import parse

from copernica_directory.site.programme import (
    WORKED_EXAMPLE,
    CalculatorInput,
    monthly_income,
)


def test_monthly_income_from_margin_kickback_and_services() -> None:
    income = monthly_income(WORKED_EXAMPLE)
    assert income.licence_cost == 150  # half of the 300 end-user fee
    assert (income.margin, income.kickback, income.services) == (1200, 200, 2850)
    assert income.total == 4250
    at_cost = CalculatorInput(
        resold_accounts=3, end_user_fee=Decimal(200), partner_price=Decimal(100)
    )
    assert monthly_income(at_cost).margin == 0  # reselling at cost, earning on services instead
    nothing = CalculatorInput(0, Decimal(0), Decimal(0), 0, Decimal(0), 0, Decimal(0))
    assert monthly_income(nothing).total == 0


def test_programme_page_names_every_benefit(built_site: Path) -> None:
    page = parse(built_site / "programme" / "index.html")
    for words in (
        "at most 50% of our end-user fee",
        "A listing in the directory",
        "10% of everything that customer pays",
        "Product training",
        "Sales support",
        "Your own partner manager",
        "Marketing content",
        "desk on the Copernica stand at business fairs",
        "The demo tool",
    ):
        assert words in page.text, words
    assert {"/library/", "/events/", "/partners/", "/programme/join/"} <= set(page.hrefs())


def test_the_calculator_works_without_javascript_as_a_worked_example(built_site: Path) -> None:
    html = (built_site / "programme" / "index.html").read_text(encoding="utf-8")
    page = parse(built_site / "programme" / "index.html")
    assert "A worked example" in page.text
    assert "A partner resells 8 accounts at €300 a month" in page.text
    amounts = {"margin": "€1,200", "kickback": "€200", "services": "€2,850", "total": "€4,250"}
    for cell, amount in amounts.items():
        assert f'data-calculator-output="{cell}">{amount}<' in html, cell
    assert "8 × (€300 − €150)" in page.text and "30 h × €95" in page.text
    # The form only appears with JavaScript, which recomputes the same numbers live.
    (form,) = page.find("form", **{"data-calculator-form": ""})
    assert "hidden" in form.attrs
    inputs = {e.attrs["name"]: e.attrs.get("value") for e in page.find("input", type="number")}
    assert inputs["resold_accounts"] == "8" and inputs["hourly_rate"] == "95"
    assert any(s.attrs.get("src", "").startswith("/assets/js/calculator.") for s in page.scripts)


def test_how_to_become_a_partner(built_site: Path) -> None:
    page = parse(built_site / "programme" / "join" / "index.html")
    assert "How to become a partner" in page.text
    assert "Sign the partner licence" in page.text
    assert any(h.startswith("https://www.copernica.com/") for h in page.hrefs())
    nav = parse(built_site / "index.html").hrefs()
    assert {"/library/", "/events/", "/programme/", "/numbers/"} <= set(nav)
