from claimtrack.errors import ServiceError


class IngestError(ServiceError):
    """Input that cannot become an article. The message is one line, meant for the user."""
