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
