"""The partner programme's terms and the income calculator behind /programme/.

A partner earns in three ways: the margin on licences it resells (it pays Copernica at most
half the end-user fee and sets its own price), a 10% kickback on the turnover of every customer
who chooses it in the directory, and the services it sells. The page shows a worked example
computed here, so it works without JavaScript; theme/static/js/calculator.js recomputes the same
formula live (tests/test_programme.py checks both give the same numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal

# The programme's terms, from the partner model (docs: README "Partner programme").
KICKBACK_RATE = Decimal("0.10")  # of the turnover of customers who choose the partner
MAX_LICENCE_SHARE = Decimal("0.50")  # a partner pays at most this share of the end-user fee


@dataclass(frozen=True)
class CalculatorInput:
    """What a partner enters; the defaults are the worked example."""

    resold_accounts: int = 8  # accounts the partner resells under its own contract
    end_user_fee: Decimal = Decimal(300)  # Copernica's monthly end-user fee per account
    partner_price: Decimal = Decimal(300)  # what the partner charges per account per month
    referred_customers: int = 5  # customers who chose the partner in the directory
    referred_turnover: Decimal = Decimal(400)  # their average monthly turnover with Copernica
    service_hours: int = 30  # hours of services sold per month
    hourly_rate: Decimal = Decimal(95)


# Each input's limits, as the form states them (min, max, step).
LIMITS: dict[str, tuple[int, int, int]] = {
    "resold_accounts": (0, 10_000, 1),
    "end_user_fee": (0, 100_000, 10),
    "partner_price": (0, 100_000, 10),
    "referred_customers": (0, 10_000, 1),
    "referred_turnover": (0, 100_000, 10),
    "service_hours": (0, 10_000, 1),
    "hourly_rate": (0, 1_000, 5),
}
INPUT_NAMES = tuple(f.name for f in fields(CalculatorInput))


@dataclass(frozen=True)
class Income:
    """A partner's monthly income, by source."""

    licence_cost: Decimal  # what the partner pays per account
    margin: Decimal
    kickback: Decimal
    services: Decimal

    @property
    def total(self) -> Decimal:
        return self.margin + self.kickback + self.services


def monthly_income(values: CalculatorInput) -> Income:
    """The monthly income for the numbers entered (the licence at its maximum share)."""
    licence_cost = values.end_user_fee * MAX_LICENCE_SHARE
    return Income(
        licence_cost=licence_cost,
        margin=values.resold_accounts * (values.partner_price - licence_cost),
        kickback=values.referred_customers * values.referred_turnover * KICKBACK_RATE,
        services=values.service_hours * values.hourly_rate,
    )


WORKED_EXAMPLE = CalculatorInput()
