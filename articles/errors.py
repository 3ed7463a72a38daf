class IngestError(ValueError):
    """Input that cannot become an article. The message is one line, meant for the user."""
