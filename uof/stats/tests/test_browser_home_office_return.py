"""An analyst downloads the Home Office annual return as a spreadsheet in a real headless Chromium."""
import datetime as dt
import io
import zipfile

import pytest
from odf.opendocument import load
from odf.table import Table as Sheet

from uof.stats import home_office_return as hor
from uof.stats import store as stores
from uof.testing.browser import sign_in

from .builders import incidents_with_reports, officers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_downloads_the_return_as_ods(new_page, org, tmp_path):
    stores._CACHE.clear()
    year = hor.recent_years()[1]  # the last complete financial year, chosen by default
    incidents_with_reports(org.cambs, officers(org.cambs, 2), year.start + dt.timedelta(days=40), [{}, {}],
                           district=org.peterborough)
    page = new_page()
    sign_in(page, org.analyst)
    page.click("a.govuk-service-navigation__link:has-text('Statistics')")
    page.click("a:has-text('Home Office annual return')")
    page.wait_for_url("**/stats/home-office-return/**")
    page.select_option("#force", "cambridgeshire")
    page.select_option("#period", year.label)
    page.check("input[name=format][value=ods]")
    with page.expect_download() as download:
        page.click("button:has-text('Download')")
    slug = year.label.replace("/", "-")
    assert download.value.suggested_filename == f"uof-home-office-return-cambridgeshire-{slug}.ods"
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    content = target.read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert archive.namelist()[0] == "mimetype" and archive.read("mimetype") == hor.ODS_TYPE.encode()
    names = [s.getAttribute("name") for s in load(io.BytesIO(content)).spreadsheet.getElementsByType(Sheet)]
    assert names[:3] == ["Cover_sheet", "Table_1", "Table_2"] and names[-1] == "Table_13"
