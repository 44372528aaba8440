from __future__ import annotations

import pytest

from scrutiny.extract.dates import date_from_url, find_dates, parse_date, parse_timestamp, strip_dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21 May 2013", "2013-05-21"),
        ("7 August, 2013", "2013-08-07"),
        ("Tuesday, May 21, 2013", "2013-05-21"),
        ("21st May 2013", "2013-05-21"),
        ("19th Oct 2009", "2009-10-19"),
        ("2nd Dec 2008", "2008-12-02"),
        ("19 Oct 2009", "2009-10-19"),
        ("Published: 21/05/2013 14:32", "2013-05-21"),
        ("Published: 03/04/2019 09:15", "2019-04-03"),
        ("21.05.2013", "2013-05-21"),
        ("21-05-2013", "2013-05-21"),
        ("21/05/13", "2013-05-21"),
        ("2013/05/21", "2013-05-21"),
        ("2013-05-21", "2013-05-21"),
        ("2013-05-21T07:00:00+01:00", "2013-05-21"),
        ("Tue, 21 May 2013 07:00:00 +0100", "2013-05-21"),
        ("May 21st, 2013", "2013-05-21"),
        ("Sept 5 2013", "2013-09-05"),
        ("Wednesday 22nd of May 2013", "2013-05-22"),
        ("Monday, 2 December, 2008", "2008-12-02"),
        ("Wed 10 May 2017 14.05 BST", "2017-05-10"),
        ("15 August 2017 at 5:02 pm", "2017-08-15"),
        ("13:47, 21 July 2015", "2015-07-21"),
        ("22-May-2013", "2013-05-22"),
    ],
)
def test_parse_date_reads_each_printed_form(text, expected):
    assert parse_date(text) == expected


def test_parse_date_is_day_first_and_falls_back_to_month_first_only_when_it_must():
    assert parse_date("03/04/2019") == "2019-04-03"
    assert parse_date("05/21/2013") == "2013-05-21"


@pytest.mark.parametrize("text", ["", None, "Updated 3 hours ago", "31/02/2013", "in May", "2013", "room 12/40"])
def test_parse_date_gives_none_without_a_real_day(text):
    assert parse_date(text) is None


def test_parse_date_takes_the_first_date_in_the_text():
    assert parse_date("Published 21/07/2015 13:47 Updated 22/07/2015 09:00") == "2015-07-21"


def test_utc_timestamps_are_moved_to_the_uk_calendar_day():
    # 23:30 UTC in British Summer Time is 00:30 the next day in London; in winter it is the same day.
    assert parse_date("2013-06-20T23:30:00Z") == "2013-06-21"
    assert parse_date("2013-06-20T23:30:00+00:00") == "2013-06-21"
    assert parse_date("2013-12-20T23:30:00Z") == "2013-12-20"
    # A timestamp with a real offset already carries its own local day.
    assert parse_date("2013-06-20T23:30:00-04:00") == "2013-06-20"


def test_utc_conversion_follows_the_clock_change_dates():
    assert parse_date("2019-03-31T00:30:00Z") == "2019-03-31"  # before 01:00 UTC: still GMT
    assert parse_date("2019-10-26T23:30:00Z") == "2019-10-27"  # the last BST evening
    assert parse_date("2019-10-27T23:30:00Z") == "2019-10-27"  # GMT again


def test_parse_timestamp_reads_machine_formats():
    assert parse_timestamp("2013-05-21T07:00:00+01:00") == "2013-05-21"
    assert parse_timestamp("20130521") == "2013-05-21"
    assert parse_timestamp("1369119600") == "2013-05-21"
    assert parse_timestamp("1369119600000") == "2013-05-21"
    assert parse_timestamp("2013-05-21 06:00:00") == "2013-05-21"
    assert parse_timestamp("") is None
    assert parse_timestamp("not a date") is None


def test_find_dates_lists_every_date_with_its_offset():
    text = "Posted 12 March 2018 by Ann; comment on 13/03/2018"
    assert find_dates(text) == [(7, "2018-03-12"), (40, "2018-03-13")]


def test_strip_dates_leaves_the_labels():
    assert strip_dates("Published: 03/04/2019 09:15").strip() == "Published:  09:15".strip()
    assert strip_dates("no date here") == "no date here"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.communitycare.co.uk/2015/10/01/sloughs-trust/", "2015-10-01"),
        ("https://example.org/news/20170815/story", "2017-08-15"),
        ("https://example.org/2017-08-15-council-story", "2017-08-15"),
        ("https://example.org/news/2017/08/story", None),
        ("https://www.sunderlandecho.com/news/politics/story-1-7374512", None),
        ("https://example.org/2017/13/45/story", None),
        (None, None),
    ],
)
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected
