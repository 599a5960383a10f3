"""`uof export … | head`: the reader stops early and the command ends quietly, without a traceback."""
import datetime as dt
import io
import os
import sys

import pytest

from uof import cli
from uof.stats.tests.builders import incidents_with_reports, officers

pytestmark = pytest.mark.django_db


def test_export_into_a_closed_pipe_ends_quietly(org, capsys, monkeypatch):
    day = dt.date(2026, 7, 10)
    pool = officers(org.cambs, 3)
    for _ in range(30):
        incidents_with_reports(org.cambs, pool, day, [{}, {}], district=org.peterborough)
    read, write = os.pipe()
    os.close(read)  # `head` has read what it wanted and gone
    closed = io.TextIOWrapper(io.FileIO(write, "w"), encoding="utf-8", write_through=True)
    monkeypatch.setattr(sys, "stdout", closed)
    with pytest.raises(SystemExit) as ended:
        cli.main(["uof", "export", "records", "--force", "cambridgeshire", "--period", "2026/27-Q2"])
    monkeypatch.undo()
    assert ended.value.code == 1
    assert "Traceback" not in capsys.readouterr().err
