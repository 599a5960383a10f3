class RecordingError(Exception):
    """A rule the answers break; `field` names the answer to put the message against."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
