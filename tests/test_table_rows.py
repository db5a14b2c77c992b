"""Tables of events (bounces/table_rows.py and .js): CSV rows read as CSV, and each table's own columns
deciding who its senders are, in Python and on the lookup page alike."""
from __future__ import annotations

import csv

import pytest

from bounce_shapes import engine_page
from test_reasons_several import verdicts_in_python_and_on_the_page
from generator.bounces.table_rows import csv_fields

# Lines as the tracking log and the message trace export write them, and the shapes that stray from RFC 4180.
CSV_LINES = [
    'FAIL,user@partner.example,"550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked",20480',
    '"2026-11-30T07:02:11Z","FAIL","a@b.example","451 4.7.500 Server busy, please try again later","Re: full, call me"',
    '"He said ""no, thanks""",x,,""',
    ',,,',
    'plain',
    '"",""',
    '"quoted, then"more,next',
    'a "quote" inside,b',
]


@pytest.mark.parametrize("line", CSV_LINES)
def test_a_csv_line_is_split_as_pythons_csv_module_splits_it(line):
    assert csv_fields(line) == next(csv.reader([line]))


def test_the_page_splits_csv_lines_as_python_does(browser):
    lines = CSV_LINES + ['"open quote, to the end', '"a""', "x" + ",y" * 2000]
    with engine_page(browser) as page:
        javascript = page.evaluate("lines => lines.map(MFKB.bounces.table_rows.csvFields)", lines)
    assert javascript == [csv_fields(line) for line in lines]
    assert csv_fields('"open quote, to the end') == ["open quote, to the end"]


# Two PowerShell tables one under the other, without a blank line between them: the second's sender column
# stands where the first's recipients are, and its recipient column where the first's sender is.
TWO_TABLES = """\
EventId  Source   Sender                            Recipients                        MessageSubject
-------  ------   ------                            ----------                        --------------
FAIL     SMTP     alerts@sender.example             {user@partner.example}            Quarterly report
Received            Status   RecipientAddress          SenderAddress
--------            ------   ----------------          -------------
30.11.2026 06:15:02 Failed   info@partner-b.example    alerts@sender.example
"""


def test_each_table_reads_its_senders_from_its_own_columns(browser):
    """Before, the columns of every header above a row were merged: the second table's recipient, in the
    first table's sender column, was taken for a sender and left out."""
    assert verdicts_in_python_and_on_the_page(browser, TWO_TABLES, "recipient") == [
        ["user@partner.example"], ["info@partner-b.example"]]


def test_a_quoted_field_holding_a_line_break_keeps_its_row_whole(browser):
    """RFC 4180 (section 2, rule 6) lets a field in quotes hold a line break: here the subject of Exchange
    Online's extended trace export. The row runs on to the line that closes the field; before, that line
    was read as a row of its own, whose sender column was no longer the sender's, and the sender was
    listed as a failed recipient."""
    from pathlib import Path

    export = Path(__file__).parent / "data" / "whole-bounces" / "exchange-online-extended-trace-csv-quoted-reply.txt"
    text = export.read_text(encoding="utf-8").replace('"Re: your mailbox is full, please call me"',
                                                      '"Re: your mailbox is full,\nplease call me"')
    assert "full,\nplease" in text
    assert verdicts_in_python_and_on_the_page(browser, text, "recipient reason delayed") == [
        ["user@partner.example", "blocked", False], ["info@partner-b.example", "toomanyconn", True]]
