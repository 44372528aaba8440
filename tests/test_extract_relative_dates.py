"""Relative dates resolve against the day a story was published, as precisely as the words allow."""

from __future__ import annotations

import pytest

from scrutiny.extract.relative_dates import is_future, needs_anchor, resolve, shift


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        # FACTS.md's own examples, for a story of 21 May 2013
        ("this April", "2013-05-21", "2013-04"),
        ("February last year", "2013-05-21", "2012-02"),
        ("earlier this year", "2013-05-21", "2013"),
        ("in November", "2013-05-21", "2012-11"),  # the latest November before the story
        ("six months ago", "2013-05-21", "2012-11"),
        # last week: its month when the whole week is in one month, else its year
        ("last week", "2017-08-15", "2017-08"),
        ("last week", "2013-08-07", "2013"),
        ("this week", "2016-05-13", "2016-05"),
        # days
        ("today", "2017-05-10", "2017-05-10"),
        ("this evening", "2014-09-19", "2014-09-19"),
        ("yesterday", "2015-07-21", "2015-07-20"),
        ("on Friday", "2016-09-19", "2016-09-16"),
        ("Tuesday", "2014-09-19", "2014-09-16"),
        ("5 January", "2016-05-13", "2016-01-05"),
        ("June 28", "2021-08-20", "2021-06-28"),
        ("1 October", "2015-10-01", "2015-10-01"),
        ("December 12", "2019-03-01", "2018-12-12"),
        # months and years
        ("last month", "2019-11-06", "2019-10"),
        ("last month", "2020-01-15", "2019-12"),
        ("earlier this month", "2009-10-19", "2009-10"),
        ("October last year", "2015-10-01", "2014-10"),
        ("last December", "2009-10-19", "2008-12"),
        ("last March", "2009-10-19", "2009-03"),
        ("last year", "2016-09-19", "2015"),
        ("last summer", "2016-09-19", "2015"),
        ("two years ago", "2020-06-01", "2018"),
        # absolute dates keep their own precision
        ("February 2014", None, "2014-02"),
        ("in April 2013", "2016-05-13", "2013-04"),
        ("5 January 2016", None, "2016-01-05"),
        ("March 3, 2011", None, "2011-03-03"),
        ("2010", None, "2010"),
        ("since 2009", "2017-05-10", "2009"),
        # an entity that ran on past the date
        ("Tuesday after weeks", "2014-09-19", "2014-09-16"),
    ],
)
def test_resolve_dates_against_publication(expression, published, expected):
    assert resolve(expression, published) == expected


@pytest.mark.parametrize(
    "expression",
    ["the past 10 years", "eight months", "next year", "later this week", "years", "daily", "two-and-a-half year"],
)
def test_durations_and_future_resolve_to_nothing(expression):
    assert resolve(expression, "2013-05-21") is None


def test_relative_dates_need_a_publication_date():
    assert resolve("last week", None) is None
    assert resolve("2011", None) == "2011"


def test_counted_dates_use_an_anchor():
    assert needs_anchor("two years earlier") and needs_anchor("the following year")
    assert resolve("two years earlier", "2014-09-19", anchor="2008") == "2006"
    assert resolve("the following year", "2019-11-06", anchor="2016") == "2017"
    assert resolve("three months later", None, anchor="2015-11") == "2016-02"
    assert resolve("two years earlier", "2014-09-19") is None


def test_future_expressions_are_recognised():
    assert is_future("April 2018", "2017-05-10")
    assert is_future("next year", "2017-05-10")
    assert not is_future("2016", "2017-05-10")
    assert not is_future("last week", "2017-05-10")


def test_shift_moves_months_and_keeps_year_precision():
    assert shift("2016-05", months=-4) == "2016-01"
    assert shift("2016-01-05", months=-2) == "2015-11"
    assert shift("2021", years=-6) == "2015"
