class RecordingError(Exception):
    """A rule the answers break; `field` names the answer to put the message against."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class StaleVersion(RecordingError):
    """Someone saved the report after the editor's page was shown."""

    def __init__(self, current_version: int):
        super().__init__("Someone else changed this report after you opened this page, so your answers were "
                         "not saved. They are shown below: check them against the report and save again.")
        self.current_version = current_version


class UnfinishedReport(RecordingError):
    """The officer already has a report on this incident that they have not submitted: open it
    rather than start a second one (which would clash at the subject page)."""

    def __init__(self, report):
        super().__init__(f"You already have a report on this incident that you have not submitted "
                         f"(report {report.pk}): carry on with it, and submit it before you start another")
        self.report = report
